#!/bin/sh
# A throw-away Samba 4 AD domain controller (realm LAB.TEST) on loopback, for the directory and KDC peer tests.
#
#   .ci/samba-lab.sh start DIR [HTTP_HOST ...]   provision DIR (must be empty or absent), start samba, wait for LDAPS,
#                                                create the lab accounts, export keytabs, write DIR/lab.properties
#   .ci/samba-lab.sh stop DIR                    stop the samba started in DIR (by its PID; idempotent)
#
# Everything lives under DIR: configuration, databases, pid/socket/log directories, keytabs. Samba listens on
# 127.0.0.1 and ::1 on the standard ports (53 DNS, 88 Kerberos, 389 LDAP, 636 LDAPS, 445 SMB), so one lab runs at a
# time per machine. Its internal DNS serves the zone lab.test with the records a DC registers (the DC locator's
# _ldap._tcp.dc._msdcs.lab.test SRV, dc1.lab.test A 127.0.0.1) and forwards nothing. Never edits /etc/hosts or
# resolv.conf: names go in DIR/hosts for -Djdk.net.hosts.file, and clients ask 127.0.0.1:53 only when told to.
#
# Accounts (domain LAB, DNS lab.test): computers HV1..HV4 and FS1 (enabled, with HOST/ and cifs/ SPNs, and
# "Microsoft Virtual System Migration Service/" SPNs on the HVs), user "alice" (the user tests act for). Planted on
# HV1: msDS-AllowedToDelegateTo = cifs/HV2 (NetBIOS only) and "Microsoft Virtual System Migration Service/hv2.lab.test",
# protocol transition on; HV2: the folklore "Microsoft Virtual Machine Migration Service/hv1.lab.test", protocol
# transition off. Each HTTP_HOST given gets an HTTP/<host>.lab.test SPN on its account and DIR/keytabs/http-<host>.keytab;
# an HTTP_HOST that is none of these computers (hv-a1, a host of the lab fleet) gets a computer account of its own
# holding only that SPN. User "svc-hvmigrate" (the lab fleet's service account) has DIR/keytabs/svc-hvmigrate.keytab.
set -eu

realm=LAB.TEST
domain=LAB
dns=lab.test
computers="HV1 HV2 HV3 HV4 FS1"

usage() {
  echo "usage: $0 start DIR [HTTP_HOST ...] | stop DIR" >&2
  exit 2
}

log() {
  echo "samba-lab: $*" >&2
}

stop() {
  d=$1
  [ -f "$d/samba.pid" ] || return 0
  pid=$(cat "$d/samba.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
      sleep 0.1
      i=$((i + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$d/samba.pid"
}

# Says why provisioning failed. A VFS module that cannot load (acl_xattr, used by setsysvolacl) means the Debian
# package samba-vfs-modules is missing: samba only recommends it, so --no-install-recommends leaves it out.
provision_failed() {
  log "provision failed; see $1/setup.log"
  tail -5 "$1/setup.log" >&2
  module=$(sed -n 's/.*vfs_init_custom failed for \([A-Za-z0-9_]*\).*/\1/p' "$1/setup.log" | head -n 1)
  if [ -n "$module" ]; then
    log "the Samba VFS module '$module' cannot be loaded: install the package samba-vfs-modules (apt-get install samba-vfs-modules)"
  fi
}

# samba-tool against the lab's configuration only
st() {
  samba-tool "$@" -s "$d/etc/smb.conf" >>"$d/setup.log" 2>&1 || {
    log "samba-tool $1 $2 failed; see $d/setup.log"
    tail -5 "$d/setup.log" >&2
    exit 1
  }
}

start() {
  d=$1
  shift
  if [ -e "$d" ] && [ -n "$(ls -A "$d" 2>/dev/null)" ]; then
    log "$d is not empty: give a fresh directory"
    exit 2
  fi
  for tool in samba samba-tool openssl; do
    command -v $tool >/dev/null 2>&1 || { log "$tool is missing (apt-get install samba winbind krb5-user ldb-tools smbclient ldap-utils samba-ad-provision samba-dsdb-modules samba-vfs-modules)"; exit 1; }
  done
  mkdir -p "$d"
  d=$(cd "$d" && pwd)
  umask 077
  pw="Lab-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  userpw="User-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s' "$pw" >"$d/admin.password"
  printf '%s' "$userpw" >"$d/alice.password"

  log "provisioning $realm in $d"
  samba-tool domain provision --targetdir="$d" --realm=$realm --domain=$domain --host-name=dc1 --server-role=dc \
    --dns-backend=SAMBA_INTERNAL --host-ip=127.0.0.1 --host-ip6=::1 --use-rfc2307 --adminpass="$pw" --option="interfaces=lo" --option="bind interfaces only=yes" \
    >"$d/setup.log" 2>&1 || { provision_failed "$d"; exit 1; }
  mkdir -p "$d/run" "$d/run/ncalrpc" "$d/run/winbindd" "$d/run/ntp_signd" "$d/log"
  chmod 755 "$d/run" "$d/run/winbindd"
  chmod 750 "$d/run/ntp_signd"
  # private run directories, so a second instance (or the package's) does not collide with this one
  sed -i "/^\[global\]/a\\
\tpid directory = $d/run\\
\tncalrpc dir = $d/run/ncalrpc\\
\twinbindd socket directory = $d/run/winbindd\\
\tntp signd socket directory = $d/run/ntp_signd\\
\tlock directory = $d/run\\
\tlog file = $d/log/samba.log\\
\tserver services = -nbt -wrepl -dnsupdate -kcc -drepl -winbindd -ntp_signd -spoolss\\
\tdsdb:schema update allowed = no" "$d/etc/smb.conf"

  # A CA and a server certificate naming dc1.lab.test and 127.0.0.1, where samba looks for them (private/tls): LDAPS
  # clients validate against ca.pem, by name or by loopback address.
  tls="$d/private/tls"
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=LAB.TEST lab CA" -keyout "$tls/ca.key" -out "$tls/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" >>"$d/setup.log" 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=dc1.$dns" -keyout "$tls/key.pem" -out "$tls/server.csr" >>"$d/setup.log" 2>&1
  printf 'subjectAltName=DNS:dc1.%s,DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n' "$dns" >"$tls/ext.cnf"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 30 \
    -extfile "$tls/ext.cnf" -out "$tls/cert.pem" >>"$d/setup.log" 2>&1
  chmod 600 "$tls/key.pem" "$tls/ca.key"
  chmod 644 "$tls/ca.pem" "$tls/cert.pem"

  log "starting samba"
  samba -i -s "$d/etc/smb.conf" --debug-stdout >"$d/samba.log" 2>&1 </dev/null &
  echo $! >"$d/samba.pid"
  # bounded wait for LDAPS (and the KDC) to answer
  i=0
  until openssl s_client -connect 127.0.0.1:636 -CAfile "$tls/ca.pem" -verify_return_error </dev/null >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -ge 150 ] || ! kill -0 "$(cat "$d/samba.pid")" 2>/dev/null; then
      log "LDAPS did not answer within 30 s; see $d/samba.log"
      tail -10 "$d/samba.log" >&2
      stop "$d"
      exit 1
    fi
    sleep 0.2
  done

  # The DC's own SPNs beyond HOST/ (ldap/dc1.lab.test among them), which a DC's dnsupdate task registers with
  # samba_spnupdate; that task is off here, so register them once, as it would.
  samba_spnupdate -s "$d/etc/smb.conf" >>"$d/setup.log" 2>&1 || { log "samba_spnupdate failed (see $d/setup.log)"; stop "$d"; exit 1; }

  log "creating accounts"
  # HTTP hosts that are none of the lab computers only need an account holding their HTTP/ SPN with AES keys:
  # one samba-tool call each (samba-tool starts slowly), their encryption types set in one LDIF below
  extra=""
  for http in "$@"; do
    uc=$(echo "$http" | tr 'a-z' 'A-Z')
    case " $computers " in
      *" $uc "*) ;;
      *) extra="$extra $uc" ;;
    esac
  done
  base="DC=$(echo $dns | sed 's/\./,DC=/g')"
  mkdir -p "$d/keytabs"
  for c in $extra; do
    lc=$(echo "$c" | tr 'A-Z' 'a-z')
    st computer create "$c" --description="hvmigrate lab (WinRM only)" --service-principal-name="HTTP/$lc.$dns"
  done
  for c in $computers; do
    lc=$(echo "$c" | tr 'A-Z' 'a-z')
    cpw="Host-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    st computer create "$c" --description="hvmigrate lab"
    st user setpassword "$c\$" --newpassword="$cpw"
    st user enable "$c\$"
    st spn add "cifs/$lc.$dns" "$c\$"
    st spn add "cifs/$c" "$c\$"
    case $c in
      HV*)
        st spn add "Microsoft Virtual System Migration Service/$lc.$dns" "$c\$"
        st spn add "Microsoft Virtual System Migration Service/$c" "$c\$"
        ;;
    esac
  done
  # dNSHostName, as a Windows join writes it (samba-tool computer create does not)
  for c in $computers; do
    lc=$(echo "$c" | tr 'A-Z' 'a-z')
    printf 'dn: CN=%s,CN=Computers,%s\nchangetype: modify\nreplace: dNSHostName\ndNSHostName: %s.%s\n\n' "$c" "$base" "$lc" "$dns"
  done >"$d/dnshostname.ldif"
  ldbmodify -H "$d/private/sam.ldb" "$d/dnshostname.ldif" >>"$d/setup.log" 2>&1 || { log "setting dNSHostName failed"; exit 1; }
  st user create alice "$userpw"
  st user create svc-hvmigrate "Svc-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  st delegation add-service 'HV1$' 'cifs/HV2'
  st delegation add-service 'HV1$' "Microsoft Virtual System Migration Service/hv2.$dns"
  st delegation for-any-protocol 'HV1$' on
  st delegation add-service 'HV2$' "Microsoft Virtual Machine Migration Service/hv1.$dns"

  # As Windows does when a computer joins: the account announces AES, so the KDC encrypts service tickets with AES
  # (JDK 17 and later refuse RC4) and keytabs exported for its SPNs hold AES keys.
  for c in $computers $extra; do
    printf 'dn: CN=%s,CN=Computers,%s\nchangetype: modify\nreplace: msDS-SupportedEncryptionTypes\nmsDS-SupportedEncryptionTypes: 24\n' \
      "$c" "$base"
    case " $extra " in
      # a password, so that the account has keys: the UTF-16LE of the quoted password, as unicodePwd takes it
      *" $c "*) printf -- '-\nreplace: unicodePwd\nunicodePwd:: %s\n' \
        "$(printf '"Host-%s"' "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" | iconv -f UTF-8 -t UTF-16LE | base64 -w0)" ;;
    esac
    printf '\n'
  done >"$d/enctypes.ldif"
  ldbmodify -H "$d/private/sam.ldb" "$d/enctypes.ldif" >>"$d/setup.log" 2>&1 || { log "setting AES failed; see $d/setup.log"; exit 1; }

  for http in "$@"; do
    uc=$(echo "$http" | tr 'a-z' 'A-Z')
    lc=$(echo "$http" | tr 'A-Z' 'a-z')
    case " $extra " in
      *" $uc "*) ;;
      *) st spn add "HTTP/$lc.$dns" "$uc\$" ;;
    esac
    st domain exportkeytab "$d/keytabs/http-$lc.keytab" --principal="HTTP/$lc.$dns"
  done
  for c in $computers; do
    lc=$(echo "$c" | tr 'A-Z' 'a-z')
    st domain exportkeytab "$d/keytabs/$lc.keytab" --principal="$c\$"
  done
  st domain exportkeytab "$d/keytabs/alice.keytab" --principal=alice
  st domain exportkeytab "$d/keytabs/svc-hvmigrate.keytab" --principal=svc-hvmigrate
  chmod 600 "$d"/keytabs/*.keytab

  cat >"$d/krb5.conf" <<KRB
[libdefaults]
	default_realm = $realm
	dns_lookup_kdc = false
	dns_lookup_realm = false
	dns_canonicalize_hostname = false
	rdns = false
	forwardable = true
	udp_preference_limit = 1
[realms]
	$realm = {
		kdc = 127.0.0.1:88
		admin_server = 127.0.0.1
	}
[domain_realm]
	.$dns = $realm
	$dns = $realm
KRB
  {
    echo "127.0.0.1 dc1.$dns dc1 $dns"
    echo "::1 dc1.$dns"
  } >"$d/hosts"
  cat >"$d/lab.properties" <<PROPS
# written by .ci/samba-lab.sh start
realm=$realm
domain=$domain
dnsDomain=$dns
baseDn=$base
ldapsUrl=ldaps://127.0.0.1:636
ldapsUrlByName=ldaps://dc1.$dns:636
ldapUrl=ldap://127.0.0.1:389
kdc=127.0.0.1:88
caFile=$tls/ca.pem
krb5Conf=$d/krb5.conf
hostsFile=$d/hosts
smbConf=$d/etc/smb.conf
adminUser=Administrator
adminBindDn=CN=Administrator,CN=Users,$base
adminPasswordFile=$d/admin.password
user=alice
userPasswordFile=$d/alice.password
userKeytab=$d/keytabs/alice.keytab
computers=$computers
keytabDir=$d/keytabs
pid=$(cat "$d/samba.pid")
PROPS
  chmod 644 "$d/lab.properties" "$d/krb5.conf" "$d/hosts"
  log "ready: $d/lab.properties"
}

[ $# -ge 2 ] || usage
cmd=$1
shift
case $cmd in
  start) start "$@" ;;
  stop) stop "$(cd "$1" 2>/dev/null && pwd || echo "$1")" ;;
  *) usage ;;
esac
