#include "retrypolicy.h"

#include <cmath>

namespace edgecore {

Duration RetryPolicy::nominal(int attempt) const
{
    const double us = double(toUs(base)) * std::pow(factor, std::max(0, attempt - 1));
    return Duration(static_cast<qint64>(std::min(us, double(toUs(cap)))));
}

Duration RetryPolicy::delay(int attempt, Rng &rng) const
{
    const qint64 n = toUs(nominal(attempt));
    const qint64 half = n / 2;
    return Duration(half + static_cast<qint64>(rng.below(static_cast<quint64>(n - half) + 1)));
}

} // namespace edgecore
