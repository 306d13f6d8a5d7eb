#pragma once
// Applies a fault plan to a running lab, on threads or in the simulator: each step at its
// lab time (relative to the runner's start), each one a Fault trace event.

#include "faults/faultplan.h"
#include "scenario.h"

namespace edgecore {

// One step, now.
void applyFaultStep(const FaultStep &step, LabControls &lab);

class FaultRunner final : public ScenarioScript
{
public:
    explicit FaultRunner(FaultPlan plan)
        : m_plan(std::move(plan))
    {}

    void onEvent(const TraceEvent &, const TraceStore &, LabControls &) override {}
    // Applies every step that is due.
    void onTick(LabControls &lab) override;
    QStringList findings(const TraceStore &trace) const override;

    const FaultPlan &plan() const { return m_plan; }
    bool done() const { return m_next >= m_plan.steps.size(); }
    // Lab time of the next step (from the runner's start), if any.
    std::optional<qint64> nextAtMs() const;

private:
    FaultPlan m_plan;
    size_t m_next = 0;
    std::optional<Instant> m_start;
};

} // namespace edgecore
