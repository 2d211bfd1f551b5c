// Preloaded (LD_PRELOAD) into a child process by tst_faultmatrix_cli: opening an unnamed
// temporary file (O_TMPFILE) fails as it does on file systems without them (NFS, many FUSE
// mounts), so QSaveFile falls back to a named temporary file beside its target. That is the
// case in which an interrupted export could leave a partial file behind.
#include <dlfcn.h>
#include <fcntl.h>

#include <cerrno>
#include <cstdarg>
#include <cstring>

namespace {

template<typename Function>
Function nextSymbol(const char *name) {
    void *symbol = dlsym(RTLD_NEXT, name);
    Function function = nullptr;
    static_assert(sizeof function == sizeof symbol);
    std::memcpy(&function, &symbol, sizeof function);
    return function;
}

bool refused(int flags) {
    if ((flags & O_TMPFILE) != O_TMPFILE)
        return false;
    errno = EOPNOTSUPP;
    return true;
}

mode_t modeArgument(int flags, va_list arguments) {
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE
               ? static_cast<mode_t>(va_arg(arguments, int))
               : mode_t(0);
}

} // namespace

extern "C" {

int open(const char *path, int flags, ...) {
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    static const auto real = nextSymbol<int (*)(const char *, int, ...)>("open");
    return refused(flags) ? -1 : real(path, flags, mode);
}

int open64(const char *path, int flags, ...) {
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    static const auto real = nextSymbol<int (*)(const char *, int, ...)>("open64");
    return refused(flags) ? -1 : real(path, flags, mode);
}

int openat(int directory, const char *path, int flags, ...) {
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    static const auto real = nextSymbol<int (*)(int, const char *, int, ...)>("openat");
    return refused(flags) ? -1 : real(directory, path, flags, mode);
}

int openat64(int directory, const char *path, int flags, ...) {
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    static const auto real = nextSymbol<int (*)(int, const char *, int, ...)>("openat64");
    return refused(flags) ? -1 : real(directory, path, flags, mode);
}

} // extern "C"
