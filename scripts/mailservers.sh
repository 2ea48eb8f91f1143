#!/usr/bin/env bash
# Starts (or stops) real Postfix (SMTP) and Dovecot (IMAP) servers on
# 127.0.0.1 for the integration tests: SMTP on port 10025, IMAP on 10143,
# one test mailbox "regtest" (password "regtest") that receives every
# message sent to anyone@regulars.test, with a Sent folder.
#
#   scripts/mailservers.sh start   # prints the environment for the tests
#   scripts/mailservers.sh stop
#
# It installs postfix and dovecot-imapd with apt-get when missing (sudo
# when not root) and changes the system's Postfix configuration: meant for
# CI and test machines, not a laptop that relays its own mail.
set -euo pipefail
DIR=${REGULARS_IT_DIR:-/tmp/regulars-it}
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

install() {
	if command -v postfix >/dev/null && command -v dovecot >/dev/null; then return; fi
	echo "postfix postfix/main_mailer_type select Local only" | $SUDO debconf-set-selections
	echo "postfix postfix/mailname string localhost" | $SUDO debconf-set-selections
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postfix dovecot-imapd >/dev/null
}

start() {
	install
	stop >/dev/null 2>&1 || true
	$SUDO rm -rf "$DIR"
	$SUDO mkdir -p "$DIR/mail" "$DIR/dovecot-run" "$DIR/dovecot-state"
	id regtest >/dev/null 2>&1 || $SUDO useradd --system --no-create-home --shell /usr/sbin/nologin regtest
	uid=$(id -u regtest)
	gid=$(id -g regtest)
	$SUDO chown -R regtest:regtest "$DIR/mail"
	$SUDO chmod 755 "$DIR"

	# Postfix: accept mail on 127.0.0.1:10025 for @regulars.test and put
	# all of it in one Maildir.
	$SUDO postconf -e \
		"inet_interfaces = loopback-only" "inet_protocols = ipv4" "myhostname = localhost" \
		"mydestination =" "relayhost =" "mynetworks = 127.0.0.0/8" \
		"virtual_mailbox_domains = regulars.test" "virtual_mailbox_base = $DIR/mail" \
		"virtual_mailbox_maps = static:regtest/" "virtual_uid_maps = static:$uid" "virtual_gid_maps = static:$gid" \
		"smtpd_recipient_restrictions = permit_mynetworks, reject" "maillog_file = /var/log/postfix-regulars-it.log" \
		"message_size_limit = 20480000" "default_process_limit = 50" "smtpd_client_connection_rate_limit = 0"
	if ! $SUDO postconf -M '127.0.0.1:10025/inet' >/dev/null 2>&1 || [ -z "$($SUDO postconf -M '127.0.0.1:10025/inet' 2>/dev/null)" ]; then
		$SUDO postconf -M '127.0.0.1:10025/inet=127.0.0.1:10025 inet n - n - - smtpd'
	fi
	$SUDO postconf -e "compatibility_level = 3.6" >/dev/null 2>&1 || true
	$SUDO newaliases 2>/dev/null || true
	if $SUDO postfix status >/dev/null 2>&1; then $SUDO postfix reload >/dev/null 2>&1; else $SUDO postfix start >/dev/null 2>&1; fi

	# Dovecot with its own configuration file.
	cat <<CONF | $SUDO tee "$DIR/dovecot.conf" >/dev/null
protocols = imap
listen = 127.0.0.1
base_dir = $DIR/dovecot-run
state_dir = $DIR/dovecot-state
log_path = $DIR/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$DIR/mail/%u
mail_uid = regtest
mail_gid = regtest
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/users
}
userdb {
  driver = static
  args = uid=regtest gid=regtest home=$DIR/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 10143
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
CONF
	echo "regtest:{PLAIN}regtest" | $SUDO tee "$DIR/users" >/dev/null
	$SUDO dovecot -c "$DIR/dovecot.conf" </dev/null >/dev/null 2>&1
	for i in $(seq 1 50); do
		if (exec 3<>/dev/tcp/127.0.0.1/10143) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/10025) 2>/dev/null; then
			echo "REGULARS_IT_SMTP=127.0.0.1:10025 REGULARS_IT_IMAP=127.0.0.1:10143 REGULARS_IT_USER=regtest REGULARS_IT_PASSWORD=regtest REGULARS_IT_DOMAIN=regulars.test REGULARS_IT_DIR=$DIR"
			return 0
		fi
		sleep 0.2
	done
	echo "the mail servers did not start; see /var/log/postfix-regulars-it.log and $DIR/dovecot.log" >&2
	return 1
}

stop() {
	[ -f "$DIR/dovecot.conf" ] && $SUDO doveadm -c "$DIR/dovecot.conf" stop 2>/dev/null || true
	$SUDO pkill -f "dovecot -c $DIR" 2>/dev/null || true
	$SUDO postfix stop 2>/dev/null || true
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
