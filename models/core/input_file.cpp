#include "models/core/input_file.h"

#include "models/core/input_error.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace scalescope::models {

namespace {

std::string osReason(const std::string &what, int error) {
    return what + ": " + std::strerror(error);
}

/// Why a file of this type is refused, or empty for a regular file.
std::string typeProblem(mode_t mode) {
    if (S_ISREG(mode))
        return {};
    if (S_ISDIR(mode))
        return "is a directory, not a file";
    if (S_ISFIFO(mode))
        return "is a FIFO (named pipe), not a regular file";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "is a device, not a regular file";
    if (S_ISSOCK(mode))
        return "is a socket, not a regular file";
    return "is not a regular file";
}

std::string tooLarge(std::size_t maxBytes) {
    return "file is larger than the " + std::to_string(maxBytes >> 20) +
           " MiB limit for input files";
}

class Descriptor {
public:
    explicit Descriptor(int fd)
        : m_fd(fd) {}
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    ~Descriptor() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    [[nodiscard]] int get() const { return m_fd; }

private:
    int m_fd;
};

} // namespace

std::string readInputFile(const std::string &path, std::size_t maxBytes) {
    // stat first so that a FIFO is never opened (opening one blocks until a writer comes).
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        throw InputError(path, "", osReason("cannot open file", errno));
    if (const std::string problem = typeProblem(info.st_mode); !problem.empty())
        throw InputError(path, "", problem);
    // O_NONBLOCK: should the path have become a FIFO since the stat, open does not block, and
    // the fstat below refuses it.
    const Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0)
        throw InputError(path, "", osReason("cannot open file", errno));
    if (::fstat(fd.get(), &info) != 0)
        throw InputError(path, "", osReason("cannot read file", errno));
    if (const std::string problem = typeProblem(info.st_mode); !problem.empty())
        throw InputError(path, "", problem);
    if (static_cast<unsigned long long>(info.st_size) > maxBytes)
        throw InputError(path, "", tooLarge(maxBytes));

    std::string bytes;
    bytes.resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    char probe = 0;
    for (;;) {
        // Read up to the size stat reported, then one more byte to see whether the file grew.
        char *into = done < bytes.size() ? bytes.data() + done : &probe;
        const std::size_t want = done < bytes.size() ? bytes.size() - done : 1;
        const ssize_t got = ::read(fd.get(), into, want);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            throw InputError(path, "", osReason("cannot read file", errno));
        }
        if (got == 0)
            break;
        if (into == &probe) {
            if (bytes.size() >= maxBytes)
                throw InputError(path, "", tooLarge(maxBytes));
            bytes.push_back(probe);
        }
        done += static_cast<std::size_t>(got);
    }
    bytes.resize(done);
    return bytes;
}

} // namespace scalescope::models
