// SPDX-License-Identifier: MIT
/*
 * Formats: RISC-V Linux boot image header (64 bytes, magic2 "RSC\x05" at
 * offset 56); ELF-64 as in the System V gABI with e_machine EM_RISCV.
 */
#include "vmm/loader.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

struct file {
	const char *path;
	int fd;
	uint64_t size;
};

static int file_open(struct file *f, const char *path)
{
	struct stat st;

	f->path = path;
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0 || fstat(f->fd, &st) < 0) {
		int err = errno;

		fprintf(stderr, "hvrun: %s: %s\n", path, strerror(err));
		if (f->fd >= 0)
			close(f->fd);
		return -err;
	}
	f->size = st.st_size;
	return 0;
}

/* Reads exactly @len bytes at @off; a short file is an error. */
static int file_read(struct file *f, uint64_t off, void *buf, uint64_t len)
{
	uint8_t *p = buf;

	while (len) {
		ssize_t n = pread(f->fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "hvrun: %s: %s\n", f->path,
				n < 0 ? strerror(errno) : "file is truncated");
			return n < 0 ? -errno : -EINVAL;
		}
		p += n;
		off += n;
		len -= n;
	}
	return 0;
}

static void *guest_range(struct guestmem *m, struct file *f, uint64_t addr,
			 uint64_t len, const char *what)
{
	void *p = guestmem_ptr(m, addr, len);

	if (p)
		return p;
	fprintf(stderr,
		"hvrun: %s: %s at 0x%llx-0x%llx lies outside guest RAM "
		"0x%llx-0x%llx; %s\n",
		f->path, what, (unsigned long long)addr,
		(unsigned long long)(addr + len), (unsigned long long)m->base,
		(unsigned long long)(m->base + m->size),
		addr < m->base ? "link it at 0x80000000 or above"
			       : "give more memory with -m");
	return NULL;
}

int loader_load_raw(struct guestmem *m, const char *path, uint64_t addr,
		    uint64_t limit, uint64_t *size)
{
	struct file f;
	void *dst;
	int rc;

	rc = file_open(&f, path);
	if (rc)
		return rc;
	rc = -ENOMEM;
	if (addr + f.size > limit || addr + f.size < addr) {
		fprintf(stderr,
			"hvrun: %s: %llu bytes do not fit in guest RAM at "
			"0x%llx; give more memory with -m\n",
			path, (unsigned long long)f.size,
			(unsigned long long)addr);
		goto out;
	}
	dst = guest_range(m, &f, addr, f.size, "the file");
	if (!dst)
		goto out;
	rc = file_read(&f, 0, dst, f.size);
	if (!rc && size)
		*size = f.size;
out:
	close(f.fd);
	return rc;
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v; /* hvrun runs on little-endian hosts only */
}

static int load_image(struct guestmem *m, struct file *f, const uint8_t *hdr,
		      struct loader_image *out)
{
	uint64_t text_offset = le64(hdr + 8);
	uint64_t image_size = le64(hdr + 16);
	uint64_t addr = m->base + text_offset;
	void *dst;

	if (le64(hdr + 24) & 1) {
		fprintf(stderr,
			"hvrun: %s: big-endian kernel images are not "
			"supported\n",
			f->path);
		return -EINVAL;
	}
	if (image_size < f->size) {
		fprintf(stderr,
			"hvrun: %s: image_size in the header is smaller than "
			"the file\n",
			f->path);
		return -EINVAL;
	}
	/* image_size covers .bss, which the kernel needs to be RAM too. */
	if (!guest_range(m, f, addr, image_size, "the kernel"))
		return -ENOMEM;
	dst = guestmem_ptr(m, addr, f->size);
	out->format = LOADER_IMAGE;
	out->entry = addr;
	out->start = addr;
	out->end = addr + image_size;
	return file_read(f, 0, dst, f->size);
}

static void find_htif_symbols(struct file *f, const Elf64_Ehdr *eh,
			      struct loader_image *out)
{
	Elf64_Shdr *sh = NULL;
	uint64_t shsize = (uint64_t)eh->e_shnum * sizeof(*sh);

	if (!eh->e_shoff || eh->e_shentsize != sizeof(*sh) || !eh->e_shnum ||
	    eh->e_shoff > f->size || shsize > f->size - eh->e_shoff)
		return;
	sh = malloc(shsize);
	if (!sh || file_read(f, eh->e_shoff, sh, shsize))
		goto out;
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		Elf64_Shdr *strs;
		Elf64_Sym *syms;
		char *names;
		uint64_t nsyms;

		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		strs = &sh[sh[i].sh_link];
		if (sh[i].sh_offset > f->size ||
		    sh[i].sh_size > f->size - sh[i].sh_offset ||
		    strs->sh_offset > f->size ||
		    strs->sh_size > f->size - strs->sh_offset || !strs->sh_size)
			continue;
		syms = malloc(sh[i].sh_size);
		names = malloc(strs->sh_size + 1);
		if (syms && names &&
		    !file_read(f, sh[i].sh_offset, syms, sh[i].sh_size) &&
		    !file_read(f, strs->sh_offset, names, strs->sh_size)) {
			names[strs->sh_size] = 0;
			nsyms = sh[i].sh_size / sizeof(*syms);
			for (uint64_t s = 0; s < nsyms; s++) {
				const char *n;

				if (syms[s].st_name >= strs->sh_size)
					continue;
				n = names + syms[s].st_name;
				if (!strcmp(n, "tohost"))
					out->tohost = syms[s].st_value;
				else if (!strcmp(n, "fromhost"))
					out->fromhost = syms[s].st_value;
				else if (!strcmp(n, "begin_signature"))
					out->sig_begin = syms[s].st_value;
				else if (!strcmp(n, "end_signature"))
					out->sig_end = syms[s].st_value;
			}
		}
		free(syms);
		free(names);
	}
out:
	free(sh);
}

static int load_elf(struct guestmem *m, struct file *f,
		    struct loader_image *out)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	uint64_t lo = UINT64_MAX, hi = 0;
	int rc;

	rc = file_read(f, 0, &eh, sizeof(eh));
	if (rc)
		return rc;
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_RISCV) {
		fprintf(stderr,
			"hvrun: %s: not a 64-bit little-endian RISC-V ELF "
			"file\n",
			f->path);
		return -EINVAL;
	}
	if (eh.e_phentsize != sizeof(ph) || !eh.e_phnum) {
		fprintf(stderr, "hvrun: %s: ELF file without program headers\n",
			f->path);
		return -EINVAL;
	}
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		uint8_t *dst;

		rc = file_read(f, eh.e_phoff + (uint64_t)i * sizeof(ph), &ph,
			       sizeof(ph));
		if (rc)
			return rc;
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > f->size ||
		    ph.p_filesz > f->size - ph.p_offset) {
			fprintf(stderr,
				"hvrun: %s: malformed program header %u\n",
				f->path, i);
			return -EINVAL;
		}
		dst = guest_range(m, f, ph.p_paddr, ph.p_memsz, "a segment");
		if (!dst)
			return -ENOMEM;
		rc = file_read(f, ph.p_offset, dst, ph.p_filesz);
		if (rc)
			return rc;
		memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
		if (ph.p_paddr < lo)
			lo = ph.p_paddr;
		if (ph.p_paddr + ph.p_memsz > hi)
			hi = ph.p_paddr + ph.p_memsz;
	}
	if (hi == 0) {
		fprintf(stderr, "hvrun: %s: ELF file has nothing to load\n",
			f->path);
		return -EINVAL;
	}
	out->format = LOADER_ELF;
	out->entry = eh.e_entry;
	out->start = lo;
	out->end = hi;
	find_htif_symbols(f, &eh, out);
	return 0;
}

int loader_load(struct guestmem *m, const char *path, uint64_t raw_addr,
		struct loader_image *out)
{
	uint8_t hdr[64] = {0};
	struct file f;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = file_open(&f, path);
	if (rc)
		return rc;
	if (f.size == 0) {
		fprintf(stderr, "hvrun: %s: file is empty\n", path);
		rc = -EINVAL;
		goto out;
	}
	rc = file_read(&f, 0, hdr, f.size < sizeof(hdr) ? f.size : sizeof(hdr));
	if (rc)
		goto out;
	if (!memcmp(hdr, ELFMAG, SELFMAG)) {
		rc = load_elf(m, &f, out);
	} else if (f.size >= sizeof(hdr) && !memcmp(hdr + 56, "RSC\x05", 4)) {
		rc = load_image(m, &f, hdr, out);
	} else {
		void *dst = guest_range(m, &f, raw_addr, f.size, "the file");

		rc = -ENOMEM;
		if (dst)
			rc = file_read(&f, 0, dst, f.size);
		out->format = LOADER_RAW;
		out->entry = raw_addr;
		out->start = raw_addr;
		out->end = raw_addr + f.size;
	}
out:
	close(f.fd);
	return rc;
}
