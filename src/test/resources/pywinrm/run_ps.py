"""Runs one PowerShell script on a WinRM endpoint through pywinrm and prints the outcome as one JSON object.

The endpoint tests use it as an independent client. Arguments: URL, transport (ntlm or basic), user, script.
The password comes from HVSIM_PASSWORD (never argv), the CA file to trust from HVSIM_CA_FILE, and an optional
message_encryption setting from HVSIM_MESSAGE_ENCRYPTION.
"""
import json
import os
import sys
from base64 import b64encode

import winrm


def run_ps(session, script):
    """What Session.run_ps does, with stderr decoded before its CLIXML is cleaned.

    pywinrm 0.3.0 (Debian 12) compares the bytes of stderr with a str on Python 3, so its run_ps raises TypeError
    whenever powershell.exe writes to stderr at all (pywinrm issue 111, fixed after 0.3.0) - and powershell.exe
    started with -EncodedCommand writes CLIXML there for errors and progress records.
    """
    encoded = b64encode(script.encode("utf_16_le")).decode("ascii")
    result = session.run_cmd("powershell -encodedcommand {0}".format(encoded))
    stderr = result.std_err.decode("utf-8", "replace")
    if stderr:
        stderr = session._clean_error_msg(stderr)
    return result.status_code, result.std_out.decode("utf-8", "replace"), stderr


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
        status, stdout, stderr = run_ps(session, script)
    except Exception as error:  # the test reads the kind of failure
        print(json.dumps({"ok": False, "error": type(error).__name__, "message": str(error)}))
        return
    print(json.dumps({
        "ok": True,
        "status": status,
        "stdout": stdout,
        "stderr": stderr,
    }))


if __name__ == "__main__":
    main()
