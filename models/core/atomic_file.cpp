#include "models/core/atomic_file.h"

#include "models/core/input_error.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace scalescope::models {

namespace {

namespace fs = std::filesystem;

std::string osReason(const std::string &what, int error) {
    return what + ": " + std::strerror(error);
}

/// The file a save replaces: `path` itself, or the target of a symbolic link at `path`.
std::string resolvedTarget(const std::string &path) {
    std::error_code error;
    if (!fs::is_symlink(fs::symlink_status(path, error)))
        return path;
    const fs::path target = fs::read_symlink(path, error);
    if (error)
        return path;
    return target.is_absolute() ? target.string()
                                : (fs::path(path).parent_path() / target).string();
}

/// Removes the temporary file unless released (the rename consumed it).
class TempFile {
public:
    /// Creates `stem` + a unique suffix; the kernel applies the umask to `mode`.
    TempFile(const std::string &stem, mode_t mode) {
        static std::atomic<unsigned> counter{0};
        for (int attempt = 0; attempt < 100; ++attempt) {
            std::string candidate =
                stem + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
            m_fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
            if (m_fd >= 0) {
                m_path = std::move(candidate);
                return;
            }
            if (errno != EEXIST)
                return;
        }
    }
    TempFile(const TempFile &) = delete;
    TempFile &operator=(const TempFile &) = delete;
    ~TempFile() {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_path.empty())
            ::unlink(m_path.c_str());
    }
    [[nodiscard]] int fd() const { return m_fd; }
    [[nodiscard]] const std::string &path() const { return m_path; }
    /// Closes the descriptor; returns errno on failure, 0 on success.
    int close() {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result == 0 ? 0 : errno;
    }
    void release() { m_path.clear(); }

private:
    std::string m_path;
    int m_fd = -1;
};

void writeAll(int fd, std::string_view bytes, const std::string &path) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            throw InputError(path, "", osReason("cannot write", errno));
        }
        if (written == 0)
            throw InputError(path, "", "cannot write: the device accepted no bytes");
        done += static_cast<std::size_t>(written);
    }
}

/// Makes the rename itself durable. Some file systems cannot fsync a directory (EINVAL); the
/// new file is already in place then, so a failure here is not reported as a failed save.
void syncDirectory(const std::string &directory) {
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    (void)::fsync(fd);
    ::close(fd);
}

} // namespace

void writeFileAtomically(const std::string &path, std::string_view bytes) {
    const std::string target = resolvedTarget(path);
    const fs::path parent = fs::path(target).parent_path();
    const std::string directory = parent.empty() ? std::string(".") : parent.string();

    struct stat existing {};
    const bool exists = ::stat(target.c_str(), &existing) == 0;
    if (exists && S_ISDIR(existing.st_mode))
        throw InputError(path, "", "is a directory");

    const mode_t mode = exists ? (existing.st_mode & 07777) : 0644;
    TempFile temp(directory + "/." + fs::path(target).filename().string() + ".tmp-", mode);
    if (temp.fd() < 0)
        throw InputError(path, "", osReason("cannot create a file in " + directory, errno));
    // The old file's exact permission bits (open() applied the umask to them).
    if (exists && ::fchmod(temp.fd(), mode) != 0)
        throw InputError(path, "", osReason("cannot set permissions", errno));

    writeAll(temp.fd(), bytes, path);
    if (::fsync(temp.fd()) != 0)
        throw InputError(path, "", osReason("cannot write", errno));
    if (const int error = temp.close(); error != 0)
        throw InputError(path, "", osReason("cannot write", error));
    if (::rename(temp.path().c_str(), target.c_str()) != 0)
        throw InputError(path, "", osReason("cannot replace the file", errno));
    temp.release();
    syncDirectory(directory);
}

} // namespace scalescope::models
