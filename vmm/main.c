// SPDX-License-Identifier: MIT
/*
 * hvrun: run one riscv64 guest. main() only parses the command line, asks
 * machine.c to build the VM, runs it and turns the outcome into an exit
 * status: the guest's own, 2 for a usage error, 1 when hvrun fails.
 * With --daemonize it first forks: the parent waits until the child has
 * built the VM (or failed to, saying why on the parent's stderr) and
 * exits with 0 or the child's status.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vmm/machine.h"
#include "vmm/options.h"
#include "vmm/snapshot.h"
#include "vmm/vm.h"

/*
 * Parent side of --daemonize: returns in the child with the write end of
 * a pipe to signal readiness on; the parent exits.
 */
static int daemonize(void)
{
	int p[2], status;
	pid_t pid;
	char c;

	if (pipe2(p, O_CLOEXEC)) {
		fprintf(stderr, "hvrun: --daemonize: %s\n", strerror(errno));
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "hvrun: --daemonize: %s\n", strerror(errno));
		exit(1);
	}
	if (pid > 0) {
		close(p[1]);
		if (read(p[0], &c, 1) == 1)
			exit(0);
		/* The child failed, and said why. */
		if (waitpid(pid, &status, 0) == pid && WIFEXITED(status))
			exit(WEXITSTATUS(status) ? WEXITSTATUS(status) : 1);
		exit(1);
	}
	close(p[0]);
	setsid();
	return p[1];
}

/* The VM runs: the parent may go, and nothing is left on its terminal. */
static void detach(int ready)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		close(null);
	}
	if (write(ready, "", 1) != 1)
		exit(1);
	close(ready);
}

/*
 * Writes our pid to @path and keeps it locked while hvrun runs, so that
 * two hvruns never share one pid file. -1 after a line on stderr.
 */
static int write_pidfile(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	char buf[24];
	int n;

	if (fd < 0) {
		fprintf(stderr, "hvrun: --pidfile %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		fprintf(stderr,
			"hvrun: --pidfile %s: in use by another running "
			"hvrun\n",
			path);
		close(fd);
		return -1;
	}
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(fd, 0) || write(fd, buf, (size_t)n) != n) {
		fprintf(stderr, "hvrun: --pidfile %s: %s\n", path,
			strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	struct snapshot snap;
	struct options opts;
	struct vm vm;
	int rc, ready = -1, pidfd = -1;

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

	/* Before any thread exists. */
	if (opts.daemonize && !opts.dump_dtb)
		ready = daemonize();
	if (opts.pidfile && !opts.dump_dtb) {
		pidfd = write_pidfile(opts.pidfile);
		if (pidfd < 0)
			return 1;
	}

	rc = machine_create(&vm, &opts, opts.restore ? &snap : NULL);
	if (rc) {
		machine_destroy(&vm);
		if (opts.restore)
			snapshot_close(&snap);
		if (pidfd >= 0)
			unlink(opts.pidfile);
		return rc == -EINVAL ? 2 : 1;
	}
	if (ready >= 0)
		detach(ready);
	rc = opts.dump_dtb ? 0 : machine_run(&vm);
	machine_destroy(&vm);
	if (opts.restore)
		snapshot_close(&snap);
	if (pidfd >= 0) {
		unlink(opts.pidfile);
		close(pidfd);
	}
	return rc;
}
