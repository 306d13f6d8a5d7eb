#pragma once
// Built-in scenarios: a named load and cluster set-up that the headless runner and the
// window can start.

#include "cluster.h"
#include "loadgenerator.h"

#include <QStringList>

#include <optional>

namespace edgecore {

struct Scenario
{
    QString name;
    QString description;
    LoadSpec load;
    double malloryFramesPerSecond = 0;
    qint64 wallTimeoutMs = 120000;  // a run that takes longer than this has failed
    bool expectAllCommitted = true; // AC4: no faults, no forced aborts

    void applyTo(ClusterConfig &config) const;

    static QStringList builtinNames();
    static std::optional<Scenario> builtin(const QString &name);
};

} // namespace edgecore
