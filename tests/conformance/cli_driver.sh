#!/bin/sh
# The CLI backend of the conformance suite (see README.md, "Driver protocol"):
#   cli_driver.sh [--bao BIN] POLICY_FILE CASE_JSON_FILE [--root DIR]... [--as-of D] [--explain]
# runs `bao run POLICY_FILE --input CASE_JSON_FILE --format json` with the rest
# of the arguments unchanged. BIN is --bao, else $BAO, else `bao` on PATH.
bao=${BAO:-bao}
if [ "$1" = "--bao" ]; then
  bao=$2
  shift 2
fi
if [ $# -lt 2 ]; then
  echo "usage: cli_driver.sh [--bao BIN] POLICY_FILE CASE_JSON_FILE [--root DIR]... [--as-of D] [--explain]" >&2
  exit 2
fi
policy=$1
case_file=$2
shift 2
exec "$bao" run "$policy" --input "$case_file" --format json "$@"
