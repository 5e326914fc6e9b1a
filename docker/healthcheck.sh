#!/bin/bash
# crm-healthcheck PORT PATH: exit 0 when http://127.0.0.1:PORT/PATH answers 200. No curl needed.
set -eu
exec 3<>"/dev/tcp/127.0.0.1/$1"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
IFS= read -r status <&3
case "$status" in
  "HTTP/1.1 200"*) exit 0 ;;
  *) echo "$status"; exit 1 ;;
esac
