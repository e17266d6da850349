#include "models/planner/collectives.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models {

namespace {

double safeRate(const LinkRates &link) {
    const double rate = link.effectiveBytesPerSecond();
    return rate > 0.0 ? rate : 1.0; // a missing link is caught when the context is built
}

double ceilLog2(int value) {
    return value <= 1 ? 0.0 : std::ceil(std::log2(static_cast<double>(value)));
}

} // namespace

double collectiveBytesPerRank(Collective collective, double messageBytes, int ranks) {
    if (ranks <= 1)
        return 0.0;
    const double n = static_cast<double>(ranks);
    switch (collective) {
    case Collective::AllReduce:
        return 2.0 * (n - 1.0) / n * messageBytes;
    case Collective::ReduceScatter:
    case Collective::AllGather:
    case Collective::AllToAll:
        return (n - 1.0) / n * messageBytes;
    case Collective::PointToPoint:
        return messageBytes;
    }
    return 0.0;
}

double collectiveSeconds(Collective collective, double messageBytes, const GroupSpan &span,
                         const FabricRates &fabric) {
    if (span.size <= 1 || messageBytes <= 0.0)
        return 0.0;
    const double q = static_cast<double>(span.membersPerDomain);
    const double k = static_cast<double>(span.domains);
    const double n = static_cast<double>(span.size);
    const double up = safeRate(fabric.scaleUp);
    const double out = safeRate(fabric.scaleOut);
    const double upLatency = fabric.scaleUp.latencySeconds;
    const double outLatency = fabric.scaleOut.latencySeconds;

    switch (collective) {
    case Collective::AllReduce:
    case Collective::ReduceScatter:
    case Collective::AllGather: {
        const double factor = collective == Collective::AllReduce ? 2.0 : 1.0;
        const double inside = factor * (q - 1.0) / q * messageBytes / up;
        const double across = factor * (k - 1.0) / k * (messageBytes / q) / out;
        // All-reduce: rings inside the domain, a tree across domains. Reduce-scatter and
        // all-gather only have ring algorithms in NCCL: n - 1 steps, each as slow as the
        // slowest hop of the ring.
        const double latency =
            collective == Collective::AllReduce
                ? 2.0 * ((q - 1.0) * upLatency + ceilLog2(span.domains) * outLatency)
                : (n - 1.0) * (span.domains > 1 ? outLatency : upLatency);
        return inside + across + latency;
    }
    case Collective::AllToAll: {
        const double inside = (q - 1.0) / n * messageBytes / up;
        const double across = (n - q) / n * messageBytes / out;
        const double latency = (q - 1.0) * upLatency + (n - q) * outLatency;
        return std::max(inside, across) + latency;
    }
    case Collective::PointToPoint:
        if (span.crossesScaleOut())
            return messageBytes / out + outLatency;
        return messageBytes / up + upLatency;
    }
    return 0.0;
}

} // namespace scalescope::models
