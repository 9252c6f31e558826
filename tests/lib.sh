# Helpers for the shell test suites (sourced). See tests/run for the
# protocol: print "ok NAME", "FAIL NAME: why" or "skip NAME: why".

ok() { echo "ok $1"; }
fail() { echo "FAIL $1: ${2:-failed}"; }
skip() { echo "skip $1: $2"; }

# need_tool NAME DEBIAN-PACKAGE: exits the suite as skipped when missing.
need_tool() {
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "skip ${SUITE:-$0}: $1 not found (apt-get install $2)"
		exit 0
	fi
}

# need_guest: exits the suite as skipped without the test guest.
need_guest() {
	if [ -z "${HVRUN_GUEST:-}" ]; then
		echo "skip ${SUITE:-$0}: no test guest (../shared/guest, or build one with 'make guest')"
		exit 0
	fi
}
