#include "models/core/parallel_for.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace scalescope::models {

int parallelFor(int count, const std::function<void(int)> &body, const ParallelControl &control) {
    if (count <= 0) {
        if (control.progress)
            control.progress(0, 0);
        return 0;
    }
    int threads = control.threads > 0 ? control.threads
                                      : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, count);

    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finished;
    int running = threads;
    std::exception_ptr failure;

    auto worker = [&] {
        for (;;) {
            if (stop.load(std::memory_order_relaxed) ||
                (control.cancel && control.cancel->load(std::memory_order_relaxed)))
                break;
            const int index = next.fetch_add(1, std::memory_order_relaxed);
            if (index >= count)
                break;
            try {
                body(index);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
                break;
            }
            done.fetch_add(1, std::memory_order_relaxed);
        }
        const std::lock_guard lock(mutex);
        --running;
        finished.notify_all();
    };

    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    {
        std::unique_lock lock(mutex);
        while (running > 0) {
            finished.wait_for(lock, std::chrono::milliseconds(50));
            if (control.progress && running > 0 && !failure) {
                lock.unlock();
                try {
                    control.progress(done.load(), count);
                } catch (...) { // stop the workers, then rethrow below
                    lock.lock();
                    failure = std::current_exception();
                    stop = true;
                    continue;
                }
                lock.lock();
            }
        }
    }
    for (auto &thread : pool)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
    const int finishedCount = done.load();
    if (control.progress)
        control.progress(finishedCount, count);
    return finishedCount;
}

} // namespace scalescope::models
