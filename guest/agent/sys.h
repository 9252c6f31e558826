/* SPDX-License-Identifier: MIT */
/*
 * The little of a C library the agent needs, on Linux's riscv64 system
 * call ABI (a7 = number, a0-a5 = arguments, a0 = result or -errno) with
 * the asm-generic numbers and constants, so that any riscv64 compiler
 * builds it without a C library or kernel headers.
 */
#ifndef HVRUN_AGENT_SYS_H
#define HVRUN_AGENT_SYS_H

#include <stddef.h>
#include <stdint.h>

#define SYS_dup3 24
#define SYS_fcntl 25
#define SYS_mknodat 33
#define SYS_mkdirat 34
#define SYS_unlinkat 35
#define SYS_mount 40
#define SYS_faccessat 48
#define SYS_chdir 49
#define SYS_openat 56
#define SYS_close 57
#define SYS_pipe2 59
#define SYS_getdents64 61
#define SYS_read 63
#define SYS_write 64
#define SYS_ppoll 73
#define SYS_signalfd4 74
#define SYS_sync 81
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_nanosleep 101
#define SYS_kill 129
#define SYS_rt_sigprocmask 135
#define SYS_setsid 157
#define SYS_getpid 172
#define SYS_clone 220
#define SYS_execve 221
#define SYS_wait4 260

#define AT_FDCWD -100
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_NOCTTY 0400
#define O_NONBLOCK 04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000
#define F_SETFL 4
#define MS_RDONLY 1
#define S_IFCHR 0020000
#define POLLIN 0x1
#define POLLOUT 0x4
#define POLLERR 0x8
#define POLLHUP 0x10
#define SIGKILL 9
#define SIGCHLD 17
#define SIG_BLOCK 0
#define WNOHANG 1
#define EINTR 4
#define EAGAIN 11
#define ENOENT 2

struct pollfd {
	int fd;
	short events, revents;
};

struct timespec {
	long tv_sec, tv_nsec;
};

struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static inline long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "memory");
	return a0;
}

#define sys0(n) sys6(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) \
	sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(n, a, b, c, d, e) \
	sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

static inline long sys_read(int fd, void *buf, size_t n)
{
	return sys3(SYS_read, fd, buf, n);
}

static inline long sys_write(int fd, const void *buf, size_t n)
{
	return sys3(SYS_write, fd, buf, n);
}

static inline int sys_open(const char *path, int flags)
{
	return (int)sys4(SYS_openat, AT_FDCWD, path, flags, 0);
}

static inline int sys_close(int fd)
{
	return (int)sys1(SYS_close, fd);
}

static inline int sys_access(const char *path)
{
	return (int)sys4(SYS_faccessat, AT_FDCWD, path, 0, 0);
}

static inline int sys_mkdir(const char *path, int mode)
{
	return (int)sys3(SYS_mkdirat, AT_FDCWD, path, mode);
}

static inline int sys_mount(const char *src, const char *dst, const char *fs,
			    unsigned long flags, const char *data)
{
	return (int)sys5(SYS_mount, src, dst, fs, flags, data);
}

static inline int sys_getpid(void)
{
	return (int)sys0(SYS_getpid);
}

/* fork(): the child gets 0. */
static inline int sys_fork(void)
{
	return (int)sys5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

static inline int sys_execve(const char *path, char *const argv[],
			     char *const envp[])
{
	return (int)sys3(SYS_execve, path, argv, envp);
}

static inline int sys_wait4(int pid, int *status, int options)
{
	return (int)sys4(SYS_wait4, pid, status, options, 0);
}

static inline __attribute__((noreturn)) void sys_exit(int code)
{
	for (;;)
		sys1(SYS_exit_group, code);
}

#endif
