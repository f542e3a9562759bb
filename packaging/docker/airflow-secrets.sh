#!/usr/bin/env bash
# The Airflow login and keys of the Docker stack, generated once and kept in the compose .env file
# (gitignored, mode 600), so that nothing like admin/admin is baked into docker-compose.yml.
#
#   . packaging/docker/airflow-secrets.sh
#   airflow_secrets_ensure .env    # adds the missing keys below; AIRFLOW_SECRETS_NEW=1 if it created
#                                  # the password now
#   airflow_login_line .env        # the password if it was created by this process, else where it is
#
#   bash packaging/docker/airflow-secrets.sh ENV_FILE    # both, as one command (used by the tests)
#
# Keys: AIRFLOW_ADMIN_USER (paypulse), AIRFLOW_ADMIN_PASSWORD (24 random characters),
# AIRFLOW_FERNET_KEY (32 random bytes, URL-safe base64: what Fernet wants), AIRFLOW_SECRET_KEY
# (webserver session key, 32 random bytes hex), AIRFLOW_POSTGRES_PASSWORD (the Airflow database's
# password, 24 random URL-safe characters: it goes into a connection URL unquoted). Values already in
# the file are never replaced: the Fernet key encrypts connections in the Airflow database,
# airflow-init creates the user only once, and Postgres sets its password only when it initialises
# its volume (a volume created before this key existed keeps the old password "airflow": write
# AIRFLOW_POSTGRES_PASSWORD=airflow into .env, or remove the volume with make clean-pipeline). Random bytes come from `openssl rand`, else /dev/urandom.

AIRFLOW_SECRETS_NEW=0

_airflow_random() {  # _airflow_random BYTES hex|base64url
    local raw
    if command -v openssl >/dev/null 2>&1; then
        raw=$(openssl rand -base64 "$1" | tr -d '\n')
    else
        raw=$(head -c "$1" /dev/urandom | base64 | tr -d '\n')
    fi
    case "$2" in
        base64url) printf '%s' "$raw" | tr '+/' '-_' ;;
        hex) printf '%s' "$raw" | base64 -d | od -An -tx1 | tr -d ' \n' ;;
    esac
}

_airflow_env_has() { grep -q "^$1=." "$2" 2>/dev/null; }

_airflow_env_value() { sed -n "s/^$1=//p" "$2" | tail -n 1; }

airflow_secrets_ensure() {
    local file=$1 password
    AIRFLOW_SECRETS_NEW=0
    if [ ! -e "$file" ]; then
        (umask 077 && printf '# Secrets of the local Docker stack, written by packaging/docker/airflow-secrets.sh. Not in git.\n' >"$file")
    fi
    # Also when the file existed: secrets go in, so only the owner may read it.
    chmod 600 "$file"
    # A file without a final newline would glue the first key to its last line.
    [ ! -s "$file" ] || [ -z "$(tail -c 1 "$file")" ] || echo >>"$file"
    _airflow_env_has AIRFLOW_ADMIN_USER "$file" || echo "AIRFLOW_ADMIN_USER=paypulse" >>"$file"
    if ! _airflow_env_has AIRFLOW_ADMIN_PASSWORD "$file"; then
        # 18 bytes = 24 base64 characters; no '=' padding, URL-safe: no quoting problems anywhere.
        password=$(_airflow_random 18 base64url)
        echo "AIRFLOW_ADMIN_PASSWORD=$password" >>"$file"
        AIRFLOW_SECRETS_NEW=1
    fi
    _airflow_env_has AIRFLOW_FERNET_KEY "$file" || echo "AIRFLOW_FERNET_KEY=$(_airflow_random 32 base64url)" >>"$file"
    _airflow_env_has AIRFLOW_SECRET_KEY "$file" || echo "AIRFLOW_SECRET_KEY=$(_airflow_random 32 hex)" >>"$file"
    _airflow_env_has AIRFLOW_POSTGRES_PASSWORD "$file" || echo "AIRFLOW_POSTGRES_PASSWORD=$(_airflow_random 18 base64url)" >>"$file"
}

airflow_login_line() {
    local file=$1 url="http://localhost:${AIRFLOW_PORT:-8070}"
    if [ "$AIRFLOW_SECRETS_NEW" = 1 ]; then
        echo "Airflow: $url user $(_airflow_env_value AIRFLOW_ADMIN_USER "$file") password $(_airflow_env_value AIRFLOW_ADMIN_PASSWORD "$file")  (shown once; kept in $file)"
    else
        echo "Airflow: $url user $(_airflow_env_value AIRFLOW_ADMIN_USER "$file"), password in $file (AIRFLOW_ADMIN_PASSWORD)"
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    [ $# -eq 1 ] || { echo "usage: $0 ENV_FILE" >&2; exit 2; }
    airflow_secrets_ensure "$1"
    airflow_login_line "$1"
fi
