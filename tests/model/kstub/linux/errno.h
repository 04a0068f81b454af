/* SPDX-License-Identifier: MIT */
/* Stand-in for the kernel's <linux/errno.h> (see types.h). */
#ifndef KSTUB_LINUX_ERRNO_H
#define KSTUB_LINUX_ERRNO_H
#define ENOENT	2
#define ENOMEM	12
#define EINVAL	22
#define ENOSPC	28
#define EOPNOTSUPP	95
#define EUCLEAN	117
#endif
