// SPDX-License-Identifier: MIT
/*
 * hvrun: run one riscv64 guest. main() only parses the command line, asks
 * machine.c to build the VM, runs it and turns the outcome into an exit
 * status: the guest's own, 2 for a usage error, 1 when hvrun fails.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vmm/machine.h"
#include "vmm/options.h"
#include "vmm/snapshot.h"
#include "vmm/vm.h"

int main(int argc, char **argv)
{
	struct snapshot snap;
	struct options opts;
	struct vm vm;
	int rc;

	rc = options_parse(&opts, argc, argv);
	if (rc)
		return rc == 1 ? 0 : rc;
	/* A snapshot gives the machine; the options may only agree with it. */
	if (opts.restore) {
		rc = snapshot_open(&snap, opts.restore, &opts);
		if (rc) {
			fprintf(stderr, "hvrun: --restore %s: %s\n",
				opts.restore, snap.err);
			snapshot_close(&snap);
			return rc == -EINVAL ? 2 : 1;
		}
	}

	rc = machine_create(&vm, &opts, opts.restore ? &snap : NULL);
	if (rc) {
		machine_destroy(&vm);
		if (opts.restore)
			snapshot_close(&snap);
		return rc == -EINVAL ? 2 : 1;
	}
	rc = opts.dump_dtb ? 0 : machine_run(&vm);
	machine_destroy(&vm);
	if (opts.restore)
		snapshot_close(&snap);
	return rc;
}
