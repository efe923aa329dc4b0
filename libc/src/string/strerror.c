/* Messages for errno values. */
#include <string.h>
#include <errno.h>
#include <stdio.h>

static const char *const msgs[ERRNO_MAX + 1] = {
	[0] = "Success",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "I/O error",
	[ENXIO] = "No such device or address",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[ECHILD] = "No child processes",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Out of memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[ENOTBLK] = "Block device required",
	[EBUSY] = "Resource busy",
	[EEXIST] = "File exists",
	[EXDEV] = "Cross-device link",
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files in system",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Not a tty",
	[ETXTBSY] = "Text file busy",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system",
	[EMLINK] = "Too many links",
	[EPIPE] = "Broken pipe",
	[EDOM] = "Domain error",
	[ERANGE] = "Result not representable",
	[EDEADLK] = "Resource deadlock would occur",
	[ENAMETOOLONG] = "Filename too long",
	[ENOLCK] = "No locks available",
	[ENOSYS] = "Function not implemented",
	[ENOTEMPTY] = "Directory not empty",
	[ELOOP] = "Symbolic link loop",
	[ENOMSG] = "No message of desired type",
	[ENODATA] = "No data available",
	[ETIME] = "Timer expired",
	[EOVERFLOW] = "Value too large for data type",
	[EBADFD] = "File descriptor in bad state",
	[ENOTSOCK] = "Not a socket",
	[EMSGSIZE] = "Message too large",
	[ENOPROTOOPT] = "Protocol not available",
	[EOPNOTSUPP] = "Not supported",
	[EAFNOSUPPORT] = "Address family not supported by protocol",
	[EADDRINUSE] = "Address in use",
	[EADDRNOTAVAIL] = "Address not available",
	[ENETUNREACH] = "Network unreachable",
	[ECONNABORTED] = "Connection aborted",
	[ECONNRESET] = "Connection reset by peer",
	[ENOBUFS] = "No buffer space available",
	[EISCONN] = "Socket is connected",
	[ENOTCONN] = "Socket not connected",
	[ETIMEDOUT] = "Operation timed out",
	[ECONNREFUSED] = "Connection refused",
	[EHOSTUNREACH] = "Host is unreachable",
	[EALREADY] = "Operation already in progress",
	[EINPROGRESS] = "Operation in progress",
	[ECANCELED] = "Operation canceled",
	[EIDRM] = "Identifier removed",
	[ENOSTR] = "Device not a stream",
	[ENOSR] = "Out of streams resources",
	[ENOLINK] = "Link has been severed",
	[EPROTO] = "Protocol error",
	[EMULTIHOP] = "Multihop attempted",
	[EBADMSG] = "Bad message",
	[EILSEQ] = "Invalid or incomplete multibyte or wide character",
	[EDESTADDRREQ] = "Destination address required",
	[EPROTOTYPE] = "Protocol wrong type for socket",
	[EPROTONOSUPPORT] = "Protocol not supported",
	[ENETDOWN] = "Network is down",
	[ENETRESET] = "Network dropped connection on reset",
	[ESTALE] = "Stale file handle",
	[EDQUOT] = "Disk quota exceeded",
	[ENOTRECOVERABLE] = "State not recoverable",
	[EOWNERDEAD] = "Previous owner died",
};

int strerror_r(int err, char *buf, size_t n)
{
	if (err >= 0 && err <= ERRNO_MAX && msgs[err] != NULL) {
		if (strlcpy(buf, msgs[err], n) >= n)
			return ERANGE;
		return 0;
	}
	snprintf(buf, n, "Unknown error %d", err);
	return EINVAL;
}

char *strerror(int err)
{
	static char buf[32];

	if (err >= 0 && err <= ERRNO_MAX && msgs[err] != NULL)
		return (char *)msgs[err];
	snprintf(buf, sizeof(buf), "Unknown error %d", err);
	return buf;
}
