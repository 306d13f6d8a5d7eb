#pragma once
// LabControls for the two ways the lab runs: the cast on threads (Cluster) and in the
// simulator (SimCluster). Scenario scripts and fault plans act through these.

#include "scenario.h"

namespace edgecore {

class SimCluster;

// The cast's names in NodeId order.
QStringList castNames(const ClusterConfig &config);

class SimControls final : public LabControls
{
public:
    explicit SimControls(SimCluster &sim)
        : m_sim(sim)
    {}
    Instant now() const override;
    void crash(const QString &node) override;
    void restart(const QString &node) override;
    void crashWhen(const QString &node, std::function<bool(const Envelope &)> trigger) override;
    FaultInjector &faults() override;
    NodeId id(const QString &node) const override;
    QStringList services() const override;
    void faultsChanged(const QString &node) override;
    void traceFault(const QString &node, const QString &detail,
                    std::optional<FaultStep::Action> what = std::nullopt, quint64 value = 0,
                    const QString &peer = {}) override;
    void configureMallory(const MalloryConfig &config) override;
    quint32 rotateKey() override;
    void retireOldKeys() override;
    int replayDeadLetters() override;
    void setStepMode(bool on) override;
    bool stepMode() const override;
    std::vector<PendingFrame> pending() override;
    bool deliver(quint64 pendingId) override;
    bool drop(quint64 pendingId) override;
    bool duplicate(quint64 pendingId) override;
    bool advanceToNextDeadline() override;

private:
    SimCluster &m_sim;
};

class ThreadControls final : public LabControls
{
public:
    explicit ThreadControls(Cluster &cluster)
        : m_cluster(cluster)
    {}
    Instant now() const override;
    void crash(const QString &node) override;
    void restart(const QString &node) override;
    void crashWhen(const QString &node, std::function<bool(const Envelope &)> trigger) override;
    FaultInjector &faults() override;
    NodeId id(const QString &node) const override;
    QStringList services() const override;
    void faultsChanged(const QString &node) override;
    void traceFault(const QString &node, const QString &detail,
                    std::optional<FaultStep::Action> what = std::nullopt, quint64 value = 0,
                    const QString &peer = {}) override;
    void configureMallory(const MalloryConfig &config) override;
    quint32 rotateKey() override { return m_cluster.rotateKey(); }
    void retireOldKeys() override { m_cluster.retireOldKeys(); }
    int replayDeadLetters() override;
    void setStepMode(bool on) override;
    bool stepMode() const override;
    std::vector<PendingFrame> pending() override;
    bool deliver(quint64 pendingId) override;
    bool drop(quint64 pendingId) override;
    bool duplicate(quint64 pendingId) override;
    bool advanceToNextDeadline() override;

private:
    // Asks each host in turn to act on the parked frame (only its receiver holds it).
    bool onParked(quint64 pendingId, bool (ThreadHost::*act)(quint64));
    Cluster &m_cluster;
};

} // namespace edgecore
