/* SPDX-License-Identifier: MIT */
#include "base/log.h"

#include <stdio.h>

void log_vmsg(const char *kind, const char *fmt, va_list ap)
{
	char line[1024];

	/* One write per message, so lines of several threads never mix. */
	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "hvrun: %s%s\n", kind, line);
}

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg("", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg("warning: ", fmt, ap);
	va_end(ap);
}
