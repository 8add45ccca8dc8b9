"""Runs one PowerShell script on a WinRM endpoint through pywinrm and prints the outcome as one JSON object.

The endpoint tests use it as an independent client. Arguments: URL, transport (ntlm or basic), user, script.
The password comes from HVSIM_PASSWORD (never argv), the CA file to trust from HVSIM_CA_FILE, and an optional
message_encryption setting from HVSIM_MESSAGE_ENCRYPTION.
"""
import json
import os
import sys

import winrm


def main():
    url, transport, user, script = sys.argv[1:5]
    options = {"transport": transport}
    if url.startswith("https:"):
        options["server_cert_validation"] = "validate"
        options["ca_trust_path"] = os.environ["HVSIM_CA_FILE"]
    if os.environ.get("HVSIM_MESSAGE_ENCRYPTION"):
        options["message_encryption"] = os.environ["HVSIM_MESSAGE_ENCRYPTION"]
    session = winrm.Session(url, auth=(user, os.environ["HVSIM_PASSWORD"]), **options)
    try:
        result = session.run_ps(script)
    except Exception as error:  # the test reads the kind of failure
        print(json.dumps({"ok": False, "error": type(error).__name__, "message": str(error)}))
        return
    print(json.dumps({
        "ok": True,
        "status": result.status_code,
        "stdout": result.std_out.decode("utf-8", "replace"),
        "stderr": result.std_err.decode("utf-8", "replace"),
    }))


if __name__ == "__main__":
    main()
