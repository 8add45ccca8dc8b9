#!/usr/bin/python3
"""An independent WinRM-over-HTTP client with Kerberos message encryption, built on MIT Kerberos through
python-gssapi (Debian's python3-gssapi): the layout of each sealed message is MIT's gss_wrap_iov with header, data
and padding buffers, as pykerberos and pyspnego send it to Windows; answers are opened with gss_unwrap_iov, which
insists on Windows' rotation of the token (RRC = 16 + EC + checksum length).

Usage: winrm_kerberos.py URL FQDN MODE COUNT
  MODE  sealed     COUNT times: Create a shell, then Delete it, every message encrypted, on one connection
        concurrent 20 connections at once, each authenticated on its own, sharing COUNT calls (Create, Delete)
                   among them: within Windows' MaxShellsPerUser (30) at any moment
        plain      authenticate, then send one Create unencrypted (what AllowUnencrypted=false must refuse)
Credentials: the ticket cache (KRB5CCNAME) or the client keytab (KRB5_CLIENT_KTNAME); KRB5_CONFIG names the realm.
Prints one JSON object: {"ok": true, "calls": N, "status": [...]} or {"ok": false, "error": "..."}.
"""
import base64
import http.client
import json
import re
import struct
import sys
import urllib.parse
import uuid

import gssapi
import gssapi.raw as raw

BOUNDARY = b"Encrypted Boundary"
PROTOCOL = "application/HTTP-Kerberos-session-encrypted"
SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd"


def envelope(action, body, url, shell_id=None):
    selector = ""
    if shell_id:
        selector = '<w:SelectorSet><w:Selector Name="ShellId">%s</w:Selector></w:SelectorSet>' % shell_id
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
            'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" '
            'xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">'
            '<env:Header><a:To>%s</a:To>'
            '<a:ReplyTo><a:Address env:mustUnderstand="true">'
            'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>'
            '<w:MaxEnvelopeSize env:mustUnderstand="true">153600</w:MaxEnvelopeSize>'
            '<a:MessageID>uuid:%s</a:MessageID>'
            '<w:OperationTimeout>PT20S</w:OperationTimeout>'
            '<w:ResourceURI env:mustUnderstand="true">%s</w:ResourceURI>'
            '<a:Action env:mustUnderstand="true">%s</a:Action>%s</env:Header>'
            '<env:Body>%s</env:Body></env:Envelope>'
            % (url, str(uuid.uuid4()).upper(), SHELL, action, selector, body)).encode("utf-8")


CREATE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create"
DELETE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete"
CREATE_BODY = ('<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams>'
               '<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>')


class Client:
    def __init__(self, url, fqdn):
        self.url = url
        parts = urllib.parse.urlsplit(url)
        self.path = parts.path
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        name = gssapi.Name("HTTP@" + fqdn, gssapi.NameType.hostbased_service)
        flags = (gssapi.RequirementFlag.mutual_authentication | gssapi.RequirementFlag.confidentiality
                 | gssapi.RequirementFlag.integrity | gssapi.RequirementFlag.out_of_sequence_detection
                 | gssapi.RequirementFlag.replay_detection)
        self.ctx = gssapi.SecurityContext(name=name, mech=gssapi.MechType.kerberos, flags=flags, usage="initiate")

    def authenticate(self):
        token = self.ctx.step()
        while True:
            self.conn.request("POST", self.path, body=b"", headers={
                "Authorization": "Kerberos " + base64.b64encode(token).decode(), "Content-Length": "0"})
            r = self.conn.getresponse()
            r.read()
            answer = None
            for k, v in r.getheaders():
                if k.lower() == "www-authenticate" and v.lower().startswith("kerberos "):
                    answer = base64.b64decode(v.split(" ", 1)[1])
            if answer:
                token = self.ctx.step(answer)
            if r.status == 200 and self.ctx.complete:
                return
            if r.status != 401 or not answer:
                raise RuntimeError("authentication: HTTP %d" % r.status)

    def seal(self, message):
        iov = raw.IOV(raw.IOVBufferType.header, message, raw.IOVBufferType.padding, std_layout=False)
        raw.wrap_iov(self.ctx, iov, confidential=True)
        header, data, padding = iov[0].value, iov[1].value, iov[2].value or b""
        return (b"--" + BOUNDARY + b"\r\n\tContent-Type: " + PROTOCOL.encode()
                + b"\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + str(len(message)).encode()
                + b"\r\n--" + BOUNDARY + b"\r\n\tContent-Type: application/octet-stream\r\n"
                + struct.pack("<I", len(header)) + header + data + padding + b"--" + BOUNDARY + b"--\r\n")

    def unseal(self, body):
        start = body.index(b"application/octet-stream\r\n") + len(b"application/octet-stream\r\n")
        end = body.rindex(b"--" + BOUNDARY + b"--")
        length = struct.unpack("<I", body[start:start + 4])[0]
        header = body[start + 4:start + 4 + length]
        data = body[start + 4 + length:end]
        declared = int(re.search(rb"Length=(\d+)", body).group(1))
        iov = raw.IOV((raw.IOVBufferType.header, False, header), data, (raw.IOVBufferType.data, False, b""),
                      std_layout=False)
        result = raw.unwrap_iov(self.ctx, iov)
        if not result.encrypted:
            raise RuntimeError("the answer was not encrypted")
        plain = iov[1].value
        if len(plain) != declared:
            raise RuntimeError("declared %d bytes, decrypted %d" % (declared, len(plain)))
        return plain

    def sealed_call(self, soap):
        self.conn.request("POST", self.path, body=self.seal(soap), headers={
            "Content-Type": 'multipart/encrypted;protocol="%s";boundary="Encrypted Boundary"' % PROTOCOL})
        r = self.conn.getresponse()
        body = r.read()
        ctype = r.getheader("Content-Type", "")
        if not ctype.lower().startswith("multipart/encrypted"):
            raise RuntimeError("HTTP %d with an unencrypted answer (%s)" % (r.status, ctype))
        return r.status, self.unseal(body).decode("utf-8")

    def plain_call(self, soap):
        self.conn.request("POST", self.path, body=soap, headers={
            "Content-Type": "application/soap+xml;charset=UTF-8"})
        r = self.conn.getresponse()
        r.read()
        return r.status


def create_and_delete(client, url):
    status, created = client.sealed_call(envelope(CREATE, CREATE_BODY, url))
    shell = re.search(r'Name="ShellId">([^<]+)<', created)
    if status != 200 or not shell:
        raise RuntimeError("Create: HTTP %d %s" % (status, created[:300]))
    status, _ = client.sealed_call(envelope(DELETE, "", url, shell.group(1)))
    if status != 200:
        raise RuntimeError("Delete: HTTP %d" % status)
    return status


def concurrent(url, fqdn, calls):
    import threading
    connections = 20
    pairs = calls // 2
    failures = []
    done = []
    barrier = threading.Barrier(connections, timeout=120)

    def one(share):
        try:
            client = Client(url, fqdn)
            barrier.wait()
            client.authenticate()
            for _ in range(share):
                done.append(create_and_delete(client, url))
        except Exception as e:  # counted, reported below
            failures.append("%s: %s" % (type(e).__name__, e))

    threads = [threading.Thread(target=one, args=(pairs // connections + (1 if i < pairs % connections else 0),))
               for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    if failures or len(done) != pairs:
        raise RuntimeError("%d of %d failed, first: %s" % (pairs - len(done), pairs, failures[:1]))
    print(json.dumps({"ok": True, "calls": 2 * len(done), "status": sorted(set(done))}))


def main():
    url, fqdn, mode, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if mode == "concurrent":
        concurrent(url, fqdn, count)
        return
    client = Client(url, fqdn)
    client.authenticate()
    if mode == "plain":
        status = client.plain_call(envelope(CREATE, CREATE_BODY, url))
        print(json.dumps({"ok": True, "calls": 1, "status": [status]}))
        return
    statuses = [create_and_delete(client, url) for _ in range(count)]
    print(json.dumps({"ok": True, "calls": 2 * len(statuses), "status": sorted(set(statuses))}))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # reported to the test as JSON
        print(json.dumps({"ok": False, "error": "%s: %s" % (type(e).__name__, e)}))
        sys.exit(1)
