/**
 * NTLM as a Windows server accepts it ([MS-NLMP]): NTLMv2 only (LAN Manager authentication level 5, so LM and NTLMv1
 * responses are refused), the MIC and channel bindings verified when the client sends them, and NTLM2 session
 * security (RC4 sealing, HMAC-MD5 signatures, key exchange) for WinRM's encrypted messages.
 */
package io.hvmigrate.sim.wsman.auth.ntlm;
