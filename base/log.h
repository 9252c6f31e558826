/* SPDX-License-Identifier: MIT */
/*
 * Messages to the user: one line on standard error, prefixed "hvrun: ",
 * from any thread. Errors the user can act on say what to do; warnings
 * report a guest or host condition hvrun recovered from.
 */
#ifndef HVRUN_LOG_H
#define HVRUN_LOG_H

#include <stdarg.h>

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_vmsg(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
