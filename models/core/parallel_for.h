#pragma once

#include <atomic>
#include <functional>

namespace scalescope::models {

/// How a long computation runs: threads, progress and cancellation.
struct ParallelControl {
    /// Worker threads; 0 = std::thread::hardware_concurrency().
    int threads = 0;
    /// Called on the calling thread about every 50 ms and once at the end, with the number of
    /// finished items and the total. May be empty.
    std::function<void(int done, int total)> progress;
    /// When it becomes true, workers stop taking new items (the current ones finish).
    const std::atomic<bool> *cancel = nullptr;
};

/// Runs body(i) for every i in [0, count) on std::threads, handing out indices one at a time
/// so uneven items balance. Results must be written by index, which keeps them independent of
/// the thread count. Returns how many items finished (count unless cancelled). The first
/// exception a body throws stops the workers and is rethrown here.
int parallelFor(int count, const std::function<void(int index)> &body,
                const ParallelControl &control = {});

} // namespace scalescope::models
