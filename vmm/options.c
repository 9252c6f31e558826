// SPDX-License-Identifier: MIT
#include "vmm/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	"\n"
	"Devices:\n"
	"  -d, --disk FILE[,ro][,serial=ID]\n"
	"                         virtio-blk disk on a raw image (repeatable;\n"
	"                         the first is /dev/vda)\n"
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
	"\n"
	"Debugging:\n"
	"      --dump-dtb FILE    write the device tree to FILE and exit\n"
	"      --trace KIND[,KIND]...\n"
	"                         trace the harts (DBT): insn prints every\n"
	"                         executed instruction, cpu the pc, CSRs and\n"
	"                         x registers before it and each trap (QEMU's\n"
	"                         -d cpu,int layout), fpu adds f registers,\n"
	"                         jit each new translation (guest and host\n"
	"                         code)\n"
	"      --trace-file FILE  write the trace to FILE instead of stderr\n"
	"      --no-reboot        exit instead of rebooting when the guest "
	"reboots\n"
	"\n"
	"  -h, --help             this text\n"
	"  -V, --version          version\n"
	"\n"
	"Keys on the console: Ctrl-A x quits, Ctrl-A h lists the keys.\n"
	"Exit status: the guest's (0 after poweroff), 2 for a usage error.\n";

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
};

static const struct option long_opts[] = {
	{"kernel", required_argument, NULL, 'k'},
	{"initrd", required_argument, NULL, 'i'},
	{"append", required_argument, NULL, 'a'},
	{"memory", required_argument, NULL, 'm'},
	{"cpus", required_argument, NULL, 'c'},
	{"disk", required_argument, NULL, 'd'},
	{"bios", required_argument, NULL, OPT_BIOS},
	{"accel", required_argument, NULL, OPT_ACCEL},
	{"net", required_argument, NULL, OPT_NET},
	{"share", required_argument, NULL, OPT_SHARE},
	{"console", required_argument, NULL, OPT_CONSOLE},
	{"dump-dtb", required_argument, NULL, OPT_DUMP_DTB},
	{"trace", required_argument, NULL, OPT_TRACE},
	{"trace-file", required_argument, NULL, OPT_TRACE_FILE},
	{"no-reboot", no_argument, NULL, OPT_NO_REBOOT},
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
		{"insn", ACCEL_TRACE_INSN},
		{"cpu", ACCEL_TRACE_CPU},
		{"fpu", ACCEL_TRACE_FPU},
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
				"fpu and jit (e.g. --trace insn,cpu)",
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

static int check_file(const char *opt, const char *path)
{
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "hvrun: %s %s: %s\n", opt, path,
			errno == ENOENT ? "no such file" : strerror(errno));
		return 2;
	}
	return 0;
}

int options_parse(struct options *o, int argc, char **argv)
{
	int c, rc;
	char *end;
	unsigned long n;

	memset(o, 0, sizeof(*o));
	o->memory = 512ULL << 20;
	o->cpus = 1;
	o->accel = OPTIONS_ACCEL_AUTO;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":k:i:a:m:c:d:hV", long_opts,
				NULL)) != -1) {
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
			break;
		case OPT_BIOS:
			o->bios = optarg;
			break;
		case OPT_ACCEL:
			rc = parse_accel(optarg, o);
			if (rc)
				return rc;
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
	if (o->trace_file && !o->trace_insn)
		return usage_error("--trace-file needs --trace");
	if ((o->trace_flags & ACCEL_TRACE_FPU) &&
	    !(o->trace_flags & ACCEL_TRACE_CPU))
		return usage_error(
			"--trace fpu goes with cpu: --trace cpu,fpu");
	return 0;
}
