#pragma once

// Reading an input file (JSON, CSV) whole, with limits that keep a bad path from hanging or
// exhausting memory: only regular files are read (a FIFO would block forever, /dev/zero never
// ends), and at most kMaxInputFileBytes of them.

#include <cstddef>
#include <string>

namespace scalescope::models {

/// The largest input file read: 64 MiB. The largest shipped data file is well under 1 MiB;
/// a scenario or workspace file is a few KiB.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{64} << 20;

/// The bytes of the regular file at `path`. Throws InputError(path, "", reason) when it does
/// not exist or cannot be read (with the OS reason), is a directory, a FIFO, a device or a
/// socket, or is larger than `maxBytes`.
[[nodiscard]] std::string readInputFile(const std::string &path,
                                        std::size_t maxBytes = kMaxInputFileBytes);

} // namespace scalescope::models
