#pragma once

// Atomic file replacement: the target holds either its old bytes or the new ones, never a
// truncated mix, whatever happens (a crash, SIGKILL, a full disk, a failed write).

#include <string>
#include <string_view>

namespace scalescope::models {

/// Writes `bytes` to `path` atomically: a temporary file in the same directory receives every
/// byte (each write checked), is fsync'ed and closed (checked), then renamed over `path`; the
/// directory is fsync'ed after the rename so the new name survives a power loss. A symbolic
/// link at `path` is followed (its target is replaced, the link kept). An existing file keeps
/// its permission bits; a new one gets 0644 (less the umask). On any failure the temporary
/// file is removed, `path` is untouched, and InputError(path, "", reason) is thrown with the
/// OS reason, e.g. "cannot write: No space left on device".
void writeFileAtomically(const std::string &path, std::string_view bytes);

} // namespace scalescope::models
