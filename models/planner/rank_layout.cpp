#include "models/planner/rank_layout.h"

#include <algorithm>
#include <vector>

namespace scalescope::models {

namespace {

int sizeOf(ParallelDimension dimension, const Parallelism &parallelism) {
    switch (dimension) {
    case ParallelDimension::Tensor:
        return std::max(1, parallelism.tp);
    case ParallelDimension::Context:
        return std::max(1, parallelism.cp);
    case ParallelDimension::Data:
        return std::max(1, parallelism.dp);
    case ParallelDimension::Pipeline:
        return std::max(1, parallelism.pp);
    }
    return 1;
}

/// Product of the sizes of the dimensions inside `dimension`.
int strideOf(ParallelDimension dimension, const Parallelism &parallelism, const RankOrder &order) {
    int stride = 1;
    for (const auto inner : order.innermostFirst) {
        if (inner == dimension)
            break;
        stride *= sizeOf(inner, parallelism);
    }
    return stride;
}

std::string_view tokenOf(ParallelDimension dimension) {
    switch (dimension) {
    case ParallelDimension::Tensor:
        return "tp";
    case ParallelDimension::Context:
        return "cp";
    case ParallelDimension::Data:
        return "dp";
    case ParallelDimension::Pipeline:
        return "pp";
    }
    return "tp";
}

} // namespace

std::string rankOrderName(const RankOrder &order) {
    std::string name;
    for (const auto dimension : order.innermostFirst) {
        if (!name.empty())
            name += '-';
        if (dimension == ParallelDimension::Data)
            name += "ep-";
        name += tokenOf(dimension);
    }
    return name;
}

std::optional<RankOrder> parseRankOrder(std::string_view name) {
    std::vector<std::string_view> tokens;
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto end = name.find('-', start);
        const auto token =
            name.substr(start, end == std::string_view::npos ? name.size() - start : end - start);
        tokens.push_back(token);
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    RankOrder order;
    std::size_t filled = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto token = tokens[i];
        if (token == "ep") {
            if (i + 1 >= tokens.size() || tokens[i + 1] != "dp")
                return std::nullopt;
            continue;
        }
        ParallelDimension dimension{};
        if (token == "tp")
            dimension = ParallelDimension::Tensor;
        else if (token == "cp")
            dimension = ParallelDimension::Context;
        else if (token == "dp")
            dimension = ParallelDimension::Data;
        else if (token == "pp")
            dimension = ParallelDimension::Pipeline;
        else
            return std::nullopt;
        if (filled >= 4)
            return std::nullopt;
        for (std::size_t j = 0; j < filled; ++j)
            if (order.innermostFirst[j] == dimension)
                return std::nullopt;
        order.innermostFirst[filled++] = dimension;
    }
    if (filled != 4 || order.innermostFirst[0] != ParallelDimension::Tensor)
        return std::nullopt;
    return order;
}

RankCoordinates rankCoordinates(int rank, const Parallelism &parallelism, const RankOrder &order,
                                int gpusPerNode, int scaleUpDomainGpus) {
    RankCoordinates coordinates;
    int rest = rank;
    for (const auto dimension : order.innermostFirst) {
        const int size = sizeOf(dimension, parallelism);
        const int index = rest % size;
        rest /= size;
        switch (dimension) {
        case ParallelDimension::Tensor:
            coordinates.tp = index;
            break;
        case ParallelDimension::Context:
            coordinates.cp = index;
            break;
        case ParallelDimension::Data:
            coordinates.dp = index;
            break;
        case ParallelDimension::Pipeline:
            coordinates.pp = index;
            break;
        }
    }
    const int ep = std::max(1, parallelism.ep);
    coordinates.ep = coordinates.dp % ep;
    coordinates.expertDp = coordinates.dp / ep;
    const int perNode = std::max(1, gpusPerNode);
    coordinates.node = rank / perNode;
    coordinates.gpuInNode = rank % perNode;
    coordinates.scaleUpDomain = rank / std::max(1, scaleUpDomainGpus);
    return coordinates;
}

int rankOf(int tp, int cp, int dp, int pp, const Parallelism &parallelism, const RankOrder &order) {
    int rank = 0;
    int stride = 1;
    for (const auto dimension : order.innermostFirst) {
        int index = 0;
        switch (dimension) {
        case ParallelDimension::Tensor:
            index = tp;
            break;
        case ParallelDimension::Context:
            index = cp;
            break;
        case ParallelDimension::Data:
            index = dp;
            break;
        case ParallelDimension::Pipeline:
            index = pp;
            break;
        }
        rank += index * stride;
        stride *= sizeOf(dimension, parallelism);
    }
    return rank;
}

int groupStride(CommGroup group, const Parallelism &parallelism, const RankOrder &order) {
    switch (group) {
    case CommGroup::Tensor:
        return strideOf(ParallelDimension::Tensor, parallelism, order);
    case CommGroup::Context:
        return strideOf(ParallelDimension::Context, parallelism, order);
    case CommGroup::Expert:
    case CommGroup::Data:
        return strideOf(ParallelDimension::Data, parallelism, order);
    case CommGroup::Pipeline:
        return strideOf(ParallelDimension::Pipeline, parallelism, order);
    }
    return 1;
}

GroupSpan groupSpan(CommGroup group, const Parallelism &parallelism, const RankOrder &order,
                    int scaleUpDomainGpus) {
    GroupSpan span;
    switch (group) {
    case CommGroup::Tensor:
        span.size = std::max(1, parallelism.tp);
        break;
    case CommGroup::Context:
        span.size = std::max(1, parallelism.cp);
        break;
    case CommGroup::Expert:
        span.size = std::max(1, parallelism.ep);
        break;
    case CommGroup::Data:
        span.size = std::max(1, parallelism.dp);
        break;
    case CommGroup::Pipeline:
        span.size = std::max(1, parallelism.pp);
        break;
    }
    span.stride = groupStride(group, parallelism, order);
    const int domain = std::max(1, scaleUpDomainGpus);
    if (span.stride >= domain)
        span.membersPerDomain = 1;
    else
        span.membersPerDomain = std::min(span.size, std::max(1, domain / span.stride));
    span.domains = (span.size + span.membersPerDomain - 1) / span.membersPerDomain;
    return span;
}

} // namespace scalescope::models
