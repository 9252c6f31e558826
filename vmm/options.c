// SPDX-License-Identifier: MIT
#include "vmm/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accel/accel.h"
#include "config.h"

static const char usage_text[] =
	"Usage: hvrun [OPTION]... -k KERNEL\n"
	"Run a riscv64 guest: Linux, firmware or a bare-metal program.\n"
	"\n"
	"Guest:\n"
	"  -k, --kernel FILE      kernel: RISC-V Image, ELF or raw binary\n"
	"  -i, --initrd FILE      initial ramdisk\n"
	"  -a, --append TEXT      kernel command line\n"
	"  -m, --memory SIZE      RAM: 512M, 2G, or a plain number of MiB "
	"[512M]\n"
	"  -c, --cpus N           number of harts, 1 to 32 [1]\n"
	"      --bios FILE|none   M-mode firmware to run first (e.g. OpenSBI\n"
	"                         fw_dynamic.bin); 'none' runs the kernel in\n"
	"                         M-mode (bare-metal programs, HTIF tohost);\n"
	"                         default: hvrun's built-in SBI\n"
	"      --accel auto|kvm|dbt[,jit=on|off]\n"
	"                         kvm on a riscv64 host with /dev/kvm, else\n"
	"                         the binary translator [auto]; jit=off makes\n"
	"                         it interpret instead of translating\n"
	"      --vlen BITS        vector register width of the emulated "
	"harts:\n"
	"                         128, 256, 512 or 1024 [128]\n"
	"      --isa NAME[,EXT=on|off]...\n"
	"                         the harts' extensions: rv64gc, rv64gcv,\n"
	"                         rva22s64, rva23s64 or max, then single\n"
	"                         extensions switched on or off (v=on);\n"
	"                         --isa help lists them\n"
	"                         [rva23s64; with KVM the host's]\n"
	"\n"
	"Devices:\n"
	"  -d, --disk FILE[,ro][,serial=ID]\n"
	"                         virtio-blk disk on a raw image (repeatable;\n"
	"                         the first is /dev/vda)\n"
	"  -d, --disk FILE,snapshot=on\n"
	"                         the guest's writes go to a temporary "
	"overlay\n"
	"                         dropped at exit; FILE stays as it is\n"
	"      --net user[,hostfwd=tcp::HOSTPORT-:GUESTPORT][,restrict=on]\n"
	"      --net tap,ifname=NAME | none\n"
	"                         virtio-net: user networking (the default;\n"
	"                         guest 10.0.2.15, host 10.0.2.2, DNS\n"
	"                         10.0.2.3), a tap device, or none\n"
	"      --share DIR[,tag=NAME][,ro]\n"
	"                         share a host folder over virtio-9p (tag\n"
	"                         hvshare by default; repeatable)\n"
	"      --console serial|virtio\n"
	"                         the guest console: the UART, or\n"
	"                         virtio-console (hvc0) [serial]\n"
	"      --serial "
	"[ttyS0=|hvc0=]stdio|file:PATH|unix:PATH[,server]|pty|null\n"
	"                         where a console device's bytes go: the\n"
	"                         terminal, a file, a Unix socket (connect,\n"
	"                         or listen), a new pseudo-terminal, nowhere;\n"
	"                         without a device name, the console's\n"
	"                         (repeatable) [stdio]\n"
	"      --vsock PATH[,cid=N]\n"
	"                         virtio-vsock (guest CID 3 by default): a\n"
	"                         guest connecting to CID 2 port P reaches "
	"the\n"
	"                         Unix socket PATH_P; a host program connects\n"
	"                         to PATH and writes \"CONNECT P\\n\" to "
	"reach\n"
	"                         the guest's port P\n"
	"      --snapshot         every disk as with snapshot=on\n"
	"\n"
	"Scripts:\n"
	"      --run CMD          boot, run CMD in the guest with /bin/sh, "
	"pass\n"
	"                         its stdin, stdout and stderr, and exit with\n"
	"                         its status (needs a Linux guest)\n"
	"      --timeout SECONDS  stop the guest after SECONDS (also m, h\n"
	"                         suffixes) and exit with status 124\n"
	"      --daemonize        run in the background once the guest is set\n"
	"                         up (the consoles default to null)\n"
	"      --pidfile FILE     write hvrun's process id to FILE\n"
	"\n"
	"Debugging:\n"
	"      --dump-dtb FILE    write the device tree to FILE and exit\n"
	"      --trace KIND[,KIND]...\n"
	"                         trace the harts (DBT): insn prints every\n"
	"                         executed instruction, cpu the pc, CSRs and\n"
	"                         x registers before it and each trap (QEMU's\n"
	"                         -d cpu,int layout), fpu adds f registers,\n"
	"                         vpu the vector CSRs and registers,\n"
	"                         jit each new translation (guest and host\n"
	"                         code)\n"
	"      --trace-file FILE  write the trace to FILE instead of stderr\n"
	"      --no-reboot        exit instead of rebooting when the guest "
	"reboots\n"
	"      --signature FILE   when the guest ends, write the words from\n"
	"                         the kernel ELF's begin_signature to its\n"
	"                         end_signature to FILE, one a line in hex\n"
	"                         (as Spike and Sail do for the architecture\n"
	"                         tests)\n"
	"      --gdb tcp::PORT | tcp:HOST:PORT | unix:PATH\n"
	"                         serve GDB's remote protocol there (each\n"
	"                         hart a thread): gdb's target remote :PORT\n"
	"  -S                     with --gdb: the harts wait for the debugger\n"
	"                         before their first instruction\n"
	"\n"
	"Snapshots and control:\n"
	"      --save-on-exit FILE\n"
	"                         when told to quit (C-a x, SIGTERM, QMP "
	"quit),\n"
	"                         save the VM to FILE first\n"
	"      --restore FILE     start from the snapshot FILE (the machine\n"
	"                         comes from it; -d, --share, --net may name\n"
	"                         other images, folders, networks)\n"
	"      --qmp unix:PATH[,server] | tcp:HOST:PORT\n"
	"                         serve QMP, QEMU's control protocol\n"
	"\n"
	"  -h, --help             this text\n"
	"  -V, --version          version\n"
	"\n"
	"Keys on the console: Ctrl-A x quits, Ctrl-A h lists the keys.\n"
	"Exit status: the guest's (0 after poweroff), or with --run the\n"
	"command's; 124 after --timeout; 2 for a usage error; 1 when hvrun\n"
	"fails.\n";

enum {
	OPT_BIOS = 256,
	OPT_ACCEL,
	OPT_NET,
	OPT_SHARE,
	OPT_CONSOLE,
	OPT_DUMP_DTB,
	OPT_TRACE,
	OPT_TRACE_FILE,
	OPT_NO_REBOOT,
	OPT_VLEN,
	OPT_RESTORE,
	OPT_SAVE_ON_EXIT,
	OPT_SIGNATURE,
	OPT_QMP,
	OPT_SERIAL,
	OPT_RUN,
	OPT_TIMEOUT,
	OPT_VSOCK,
	OPT_DAEMONIZE,
	OPT_PIDFILE,
	OPT_SNAPSHOT,
	OPT_ISA,
	OPT_GDB,
};

const char *const options_serial_names[OPTIONS_SERIAL_DEVS] = {"ttyS0", "hvc0"};

static const char short_opts[] = ":k:i:a:m:c:d:hVS";

static const struct option long_opts[] = {
	{"kernel", required_argument, NULL, 'k'},
	{"initrd", required_argument, NULL, 'i'},
	{"append", required_argument, NULL, 'a'},
	{"memory", required_argument, NULL, 'm'},
	{"cpus", required_argument, NULL, 'c'},
	{"disk", required_argument, NULL, 'd'},
	{"bios", required_argument, NULL, OPT_BIOS},
	{"accel", required_argument, NULL, OPT_ACCEL},
	{"isa", required_argument, NULL, OPT_ISA},
	{"net", required_argument, NULL, OPT_NET},
	{"share", required_argument, NULL, OPT_SHARE},
	{"console", required_argument, NULL, OPT_CONSOLE},
	{"dump-dtb", required_argument, NULL, OPT_DUMP_DTB},
	{"trace", required_argument, NULL, OPT_TRACE},
	{"trace-file", required_argument, NULL, OPT_TRACE_FILE},
	{"no-reboot", no_argument, NULL, OPT_NO_REBOOT},
	{"vlen", required_argument, NULL, OPT_VLEN},
	{"restore", required_argument, NULL, OPT_RESTORE},
	{"save-on-exit", required_argument, NULL, OPT_SAVE_ON_EXIT},
	{"signature", required_argument, NULL, OPT_SIGNATURE},
	{"qmp", required_argument, NULL, OPT_QMP},
	{"serial", required_argument, NULL, OPT_SERIAL},
	{"run", required_argument, NULL, OPT_RUN},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"vsock", required_argument, NULL, OPT_VSOCK},
	{"daemonize", no_argument, NULL, OPT_DAEMONIZE},
	{"pidfile", required_argument, NULL, OPT_PIDFILE},
	{"snapshot", no_argument, NULL, OPT_SNAPSHOT},
	{"gdb", required_argument, NULL, OPT_GDB},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* One line on stderr, and the exit status for a usage error. */
static int __attribute__((format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("hvrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see hvrun --help)\n", stderr);
	return 2;
}

/* "insn,cpu": adds the kinds named in @arg to *@flags. */
static int parse_trace(const char *arg, unsigned *flags)
{
	static const struct {
		const char *name;
		unsigned flag;
	} kinds[] = {
		{"insn", ACCEL_TRACE_INSN}, {"cpu", ACCEL_TRACE_CPU},
		{"fpu", ACCEL_TRACE_FPU},   {"vpu", ACCEL_TRACE_VPU},
		{"jit", ACCEL_TRACE_JIT},
	};
	const char *p = arg;

	for (;;) {
		size_t len = strcspn(p, ",");
		size_t i;

		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (strlen(kinds[i].name) == len &&
			    !strncmp(p, kinds[i].name, len))
				break;
		if (i == sizeof(kinds) / sizeof(kinds[0]))
			return usage_error(
				"--trace %s: kinds are insn, cpu, "
				"fpu, vpu and jit (e.g. --trace insn,cpu)",
				arg);
		*flags |= kinds[i].flag;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

/*
 * "dbt,jit=off": the accelerator, then its options (the binary
 * translator's: jit=on or jit=off), which o->accel_options keeps.
 */
static int parse_accel(const char *arg, struct options *o)
{
	const char *opts = strchr(arg, ',');
	size_t len = opts ? (size_t)(opts - arg) : strlen(arg);

	if (len == 4 && !strncmp(arg, "auto", 4))
		o->accel = OPTIONS_ACCEL_AUTO;
	else if (len == 3 && !strncmp(arg, "kvm", 3))
		o->accel = OPTIONS_ACCEL_KVM;
	else if (len == 3 && !strncmp(arg, "dbt", 3))
		o->accel = OPTIONS_ACCEL_DBT;
	else
		return usage_error("--accel %s: choose auto, kvm or dbt", arg);
	o->accel_options = NULL;
	if (!opts)
		return 0;
	if (o->accel == OPTIONS_ACCEL_KVM)
		return usage_error("--accel %s: kvm takes no options", arg);
	o->accel_options = opts + 1;
	for (const char *p = opts + 1;;) {
		size_t n = strcspn(p, ",");

		if (!((n == 6 && !strncmp(p, "jit=on", 6)) ||
		      (n == 7 && !strncmp(p, "jit=off", 7))))
			return usage_error("--accel %s: the translator's "
					   "option is jit=on or jit=off",
					   arg);
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

int options_parse_size(const char *s, uint64_t *bytes)
{
	char *end;
	unsigned long long v;
	unsigned shift = 20; /* a plain number is MiB */

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -EINVAL;
	switch (*end) {
	case '\0':
		break;
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
	case 't':
	case 'T':
		shift = 40;
		end++;
		break;
	default:
		return -EINVAL;
	}
	/* Accept the spellings people use: 512M, 512MB, 512MiB. */
	if (!strcmp(end, "iB") || !strcmp(end, "B"))
		end += strlen(end);
	if (*end || v > (UINT64_MAX >> shift))
		return -EINVAL;
	*bytes = (uint64_t)v << shift;
	return 0;
}

/* "30", "1.5", "2m", "1h": like timeout(1)'s durations. */
static int parse_duration(const char *s, uint64_t *ms)
{
	char *end;
	double v, scale = 1;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v < 0)
		return -EINVAL;
	switch (*end) {
	case '\0':
	case 's':
		break;
	case 'm':
		scale = 60;
		break;
	case 'h':
		scale = 3600;
		break;
	case 'd':
		scale = 86400;
		break;
	default:
		return -EINVAL;
	}
	if (*end && end[1])
		return -EINVAL;
	v *= scale * 1000;
	if (v < 1 || v > 1e15)
		return -EINVAL;
	*ms = (uint64_t)v;
	return 0;
}

/* "[ttyS0=|hvc0=]SPEC": the device it names, or -1 for the console's. */
static int serial_device(const char *arg, const char **spec)
{
	for (int i = 0; i < OPTIONS_SERIAL_DEVS; i++) {
		size_t n = strlen(options_serial_names[i]);

		if (!strncmp(arg, options_serial_names[i], n) &&
		    arg[n] == '=') {
			*spec = arg + n + 1;
			return i;
		}
	}
	*spec = arg;
	return -1;
}

/* A program or image to load: a readable, non-empty file. */
static int check_file(const char *opt, const char *path)
{
	struct stat st;

	if (access(path, R_OK) != 0 || stat(path, &st) != 0) {
		fprintf(stderr, "hvrun: %s %s: %s\n", opt, path,
			errno == ENOENT ? "no such file" : strerror(errno));
		return 2;
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "hvrun: %s %s: is a directory; give a file\n",
			opt, path);
		return 2;
	}
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		fprintf(stderr, "hvrun: %s %s: the file is empty\n", opt, path);
		return 2;
	}
	return 0;
}

/*
 * QEMU's options that people type out of habit, with a single dash that
 * getopt would read as a cluster of short options: say what hvrun does.
 */
static const struct {
	const char *qemu, *hvrun;
} qemu_habits[] = {
	{"-nographic", "hvrun has no display: the guest's console is on this "
		       "terminal already (--serial puts it elsewhere); leave "
		       "it out"},
	{"-display", "hvrun has no display: the guest's console is on this "
		     "terminal (--serial puts it elsewhere); leave it out"},
	{"-kernel", "hvrun spells it -k FILE or --kernel FILE"},
	{"-initrd", "hvrun spells it -i FILE or --initrd FILE"},
	{"-append", "hvrun spells it -a TEXT or --append TEXT"},
	{"-bios", "hvrun spells it --bios FILE"},
	{"-smp", "hvrun spells it -c N or --cpus N"},
	{"-drive", "hvrun spells it -d FILE or --disk FILE"},
	{"-machine", "hvrun has one machine, like QEMU's virt; leave it out"},
	{"-cpu", "hvrun's hart is fixed (see man hvrun); leave it out"},
	{"-serial", "hvrun spells it --serial"},
	{"-snapshot", "hvrun spells it --snapshot"},
	{"-daemonize", "hvrun spells it --daemonize"},
	{"-pidfile", "hvrun spells it --pidfile FILE"},
};

/* Whether short option @c takes an argument (per the optstring). */
static bool short_has_arg(const char *optstring, char c)
{
	const char *p = strchr(optstring, c);

	return c != ':' && p && p[1] == ':';
}

/*
 * Looks for a QEMU spelling among the options (not among their
 * arguments, nor after "--"); 2 after one line naming it, else 0.
 */
static int check_qemu_habits(int argc, char **argv, const char *optstring)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--"))
			return 0;
		if (!strncmp(a, "--", 2)) {
			const char *eq = strchr(a, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			for (const struct option *l = long_opts; l->name; l++)
				if (strlen(l->name) == len &&
				    !strncmp(l->name, a + 2, len) &&
				    l->has_arg == required_argument && !eq)
					i++;
			continue;
		}
		if (a[0] != '-' || !a[1])
			continue;
		for (size_t h = 0;
		     h < sizeof(qemu_habits) / sizeof(*qemu_habits); h++)
			if (!strcmp(a, qemu_habits[h].qemu)) {
				fprintf(stderr,
					"hvrun: %s is QEMU's option: %s\n", a,
					qemu_habits[h].hvrun);
				return 2;
			}
		/* A cluster: the argument is the rest, or the next word. */
		for (const char *c = a + 1; *c; c++)
			if (short_has_arg(optstring, *c)) {
				if (!c[1])
					i++;
				break;
			}
	}
	return 0;
}

/* With --restore, the programs are in the snapshot. */
static int check_restore(const struct options *o)
{
	const char *which = o->kernel	? "--kernel"
			    : o->initrd ? "--initrd"
			    : o->append ? "--append"
			    : o->bios	? "--bios"
					: NULL;

	if (which)
		return usage_error(
			"%s: the snapshot holds the guest's programs; "
			"leave %s out with --restore",
			which, which);
	if (o->trace_file && !o->trace_insn)
		return usage_error("--trace-file needs --trace");
	if (o->signature)
		return usage_error("--signature needs the kernel's symbols: "
				   "it does not go with --restore");
	return 0;
}

int options_parse(struct options *o, int argc, char **argv)
{
	int c, rc;
	char *end, why[160];
	unsigned long n;
	const char *serial_console = NULL, *spec;

	memset(o, 0, sizeof(*o));
	o->memory = 512ULL << 20;
	o->cpus = 1;
	o->accel = OPTIONS_ACCEL_AUTO;

	rc = check_qemu_habits(argc, argv, short_opts);
	if (rc)
		return rc;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) !=
	       -1) {
		switch (c) {
		case 'k':
			o->kernel = optarg;
			break;
		case 'i':
			o->initrd = optarg;
			break;
		case 'a':
			o->append = optarg;
			break;
		case 'm':
			if (options_parse_size(optarg, &o->memory))
				return usage_error(
					"--memory: bad size '%s'; use a number "
					"with K, M or G, like 512M or 2G",
					optarg);
			o->given |= OPTIONS_GIVEN_MEMORY;
			if (o->memory < OPTIONS_MIN_MEMORY ||
			    o->memory > OPTIONS_MAX_MEMORY)
				return usage_error("--memory %s: must be "
						   "between 16M and 256G",
						   optarg);
			break;
		case 'c':
			errno = 0;
			n = strtoul(optarg, &end, 10);
			if (errno || *end || end == optarg || n < 1 ||
			    n > OPTIONS_MAX_CPUS)
				return usage_error("--cpus %s: give a number "
						   "of harts from 1 to 32",
						   optarg);
			o->cpus = n;
			o->given |= OPTIONS_GIVEN_CPUS;
			break;
		case OPT_BIOS:
			o->bios = optarg;
			break;
		case OPT_ACCEL:
			rc = parse_accel(optarg, o);
			if (rc)
				return rc;
			break;
		case OPT_ISA:
			if (!strcmp(optarg, "help")) {
				accel_isa_help(stdout);
				return 1;
			}
			if (accel_isa_parse(optarg, &o->isa, why, sizeof(why)))
				return usage_error("--isa %s: %s", optarg, why);
			break;
		case 'd':
			if (o->ndisks == OPTIONS_MAX_DISKS)
				return usage_error(
					"--disk %s: at most %d disks", optarg,
					OPTIONS_MAX_DISKS);
			o->disks[o->ndisks++] = optarg;
			break;
		case OPT_NET:
			o->net = optarg;
			break;
		case OPT_SHARE:
			if (o->nshares == OPTIONS_MAX_SHARES)
				return usage_error(
					"--share %s: at most %d shared folders",
					optarg, OPTIONS_MAX_SHARES);
			o->shares[o->nshares++] = optarg;
			break;
		case OPT_CONSOLE:
			o->given |= OPTIONS_GIVEN_CONSOLE;
			o->virtio_console = !strcmp(optarg, "virtio");
			if (!o->virtio_console && strcmp(optarg, "serial") != 0)
				return usage_error(
					"--console %s: choose serial or virtio",
					optarg);
			break;
		case OPT_DUMP_DTB:
			o->dump_dtb = optarg;
			break;
		case OPT_TRACE:
			rc = parse_trace(optarg, &o->trace_flags);
			if (rc)
				return rc;
			o->trace_insn = true;
			break;
		case OPT_TRACE_FILE:
			o->trace_file = optarg;
			break;
		case OPT_NO_REBOOT:
			o->no_reboot = true;
			break;
		case OPT_VLEN:
			errno = 0;
			n = strtoul(optarg, &end, 10);
			if (errno || *end || end == optarg ||
			    (n != 128 && n != 256 && n != 512 && n != 1024))
				return usage_error("--vlen %s: give the vector "
						   "register width in bits: "
						   "128, 256, 512 or 1024",
						   optarg);
			o->vlen = n;
			break;
		case OPT_RESTORE:
			o->restore = optarg;
			break;
		case OPT_SAVE_ON_EXIT:
			o->save_on_exit = optarg;
			break;
		case OPT_SIGNATURE:
			o->signature = optarg;
			break;
		case OPT_QMP:
			o->qmp = optarg;
			break;
		case OPT_SERIAL:
			rc = serial_device(optarg, &spec);
			if ((rc < 0 && serial_console) ||
			    (rc >= 0 && o->serial[rc]))
				return usage_error(
					"--serial %s: that device has a back "
					"end "
					"already; give one --serial per device",
					optarg);
			if (rc < 0)
				serial_console = spec;
			else
				o->serial[rc] = spec;
			break;
		case OPT_RUN:
			if (!*optarg)
				return usage_error("--run: give a command, "
						   "e.g. --run 'uname -a'");
			o->run = optarg;
			break;
		case OPT_TIMEOUT:
			if (parse_duration(optarg, &o->timeout_ms))
				return usage_error(
					"--timeout %s: give seconds, like 30 "
					"or "
					"2.5, or with m or h, like 10m",
					optarg);
			break;
		case OPT_VSOCK:
			o->vsock = optarg;
			break;
		case OPT_DAEMONIZE:
			o->daemonize = true;
			break;
		case OPT_PIDFILE:
			o->pidfile = optarg;
			break;
		case OPT_SNAPSHOT:
			o->snapshot = true;
			break;
		case OPT_GDB:
			o->gdb = optarg;
			break;
		case 'S':
			o->gdb_wait = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		case 'V':
			printf("hvrun %s\n", HVRUN_VERSION);
			return 1;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			if (optopt)
				return usage_error("unknown option '-%c'",
						   optopt);
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(
			"unexpected argument '%s'; the kernel is given with -k",
			argv[optind]);
	if (o->vlen && !accel_isa_empty(&o->isa) &&
	    !accel_isa_has(&o->isa, ACCEL_EXT_V))
		return usage_error(
			"--vlen %u: the harts of --isa have no vector "
			"registers; add v=on to --isa or leave "
			"--vlen out",
			o->vlen);
	if (o->gdb_wait && !o->gdb)
		return usage_error("-S waits for a debugger: give --gdb too "
				   "(e.g. --gdb tcp::1234 -S)");
	if (o->restore)
		return check_restore(o);
	if (!o->kernel && !o->dump_dtb && !(o->bios && strcmp(o->bios, "none")))
		return usage_error("no kernel: give one with -k FILE (a RISC-V "
				   "Image, ELF or raw binary)");
	if (o->kernel && (rc = check_file("--kernel", o->kernel)))
		return rc;
	if (o->initrd && (rc = check_file("--initrd", o->initrd)))
		return rc;
	if (o->bios && strcmp(o->bios, "none") &&
	    (rc = check_file("--bios", o->bios)))
		return rc;
	if (serial_console) {
		int dev = o->virtio_console ? OPTIONS_SERIAL_HVC
					    : OPTIONS_SERIAL_UART;

		if (o->serial[dev])
			return usage_error("--serial %s: %s has a back end "
					   "already; give one --serial per "
					   "device",
					   serial_console,
					   options_serial_names[dev]);
		o->serial[dev] = serial_console;
	}
	for (int i = 0; i < OPTIONS_SERIAL_DEVS; i++) {
		if (!o->serial[i] || strcmp(o->serial[i], "stdio"))
			continue;
		if (o->run)
			return usage_error(
				"--serial %s=stdio: with --run, stdin and "
				"stdout are the command's; use --serial "
				"file:PATH (file:/dev/stderr to watch)",
				options_serial_names[i]);
		if (o->daemonize)
			return usage_error(
				"--serial %s=stdio: --daemonize leaves the "
				"terminal; use file:PATH, unix:PATH,server, "
				"pty or null",
				options_serial_names[i]);
	}
	if (o->run && o->daemonize)
		return usage_error("--run waits for the command and passes its "
				   "output: it does not go with --daemonize");
	if (o->run && o->bios && !strcmp(o->bios, "none"))
		return usage_error("--run needs a Linux guest: it does not go "
				   "with --bios none");
	if (o->trace_file && !o->trace_insn)
		return usage_error("--trace-file needs --trace");
	if ((o->trace_flags & ACCEL_TRACE_FPU) &&
	    !(o->trace_flags & ACCEL_TRACE_CPU))
		return usage_error(
			"--trace fpu goes with cpu: --trace cpu,fpu");
	if ((o->trace_flags & ACCEL_TRACE_VPU) &&
	    !(o->trace_flags & ACCEL_TRACE_CPU))
		return usage_error(
			"--trace vpu goes with cpu: --trace cpu,vpu");
	return 0;
}
