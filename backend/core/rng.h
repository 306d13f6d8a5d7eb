#pragma once
// The seeded random source. Every random choice in the lab comes from one of these, derived
// from the run's seed, so a seed names a run.

#include <QtGlobal>

#include <random>

namespace edgecore {

class Rng
{
public:
    explicit Rng(quint64 seed = 1)
        : m_engine(mix(seed))
    {}
    // A child stream for one node or purpose: independent of the parent's later draws.
    static Rng derive(quint64 seed, quint64 stream) { return Rng(mix(seed ^ mix(stream + 1))); }

    quint64 next() { return m_engine(); }
    // Uniform in [0, 1).
    double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(m_engine); }
    // Uniform integer in [0, bound), bound > 0.
    quint64 below(quint64 bound)
    {
        Q_ASSERT(bound > 0);
        return std::uniform_int_distribution<quint64>(0, bound - 1)(m_engine);
    }
    bool chance(double p) { return uniform() < p; }

    static quint64 mix(quint64 x)
    {
        // splitmix64 finaliser: spreads nearby seeds far apart.
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }

private:
    std::mt19937_64 m_engine;
};

} // namespace edgecore
