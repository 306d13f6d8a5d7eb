#pragma once
// Where the sequence diagram puts things, as plain maths with no widget: lab time runs down
// (time <-> y, zoomed about a point), lifelines run across (node <-> x), and the message
// under a point is found from the fold's visible messages. The painter and the view read it;
// tests check it without a display.

#include "timeline/messageflow.h"

#include <QLineF>
#include <QPointF>
#include <QSizeF>

#include <vector>

namespace edgecore {

// What the diagram shows of the fold: messages by their fate, or one transaction only.
struct SequenceFilter
{
    bool fates[4] = {true, true, true, true}; // by MessageFate
    TxId onlyTx = 0;                          // 0: every transaction
    SessionId onlySession = 0;                // 0: every session
    NodeId onlyNode = kNoNode;                // frames from or to this service only
    quint64 hiddenTypes = 0;                  // bit t set: MsgType t not shown
    bool shows(quint16 type) const { return type >= 64 || !((hiddenTypes >> type) & 1); }
    bool accepts(const FlowMessage &m) const
    {
        return fates[static_cast<int>(m.fate)] && (!onlyTx || m.tx == onlyTx) &&
               (!onlySession || m.session == onlySession) &&
               (!onlyNode || m.from == onlyNode || m.to == onlyNode) && shows(m.type);
    }
    bool showsAll() const
    {
        return fates[0] && fates[1] && fates[2] && fates[3] && !onlyTx && !onlySession &&
               !onlyNode && !hiddenTypes;
    }
};

class SequenceLayout
{
public:
    // What runs down: lab time (microseconds), or trace position (one row per event: a stepped
    // run, where the clock stands still, still reads top to bottom). Every "us" below is then
    // an event number.
    enum class Axis { LabTime, EventOrder };
    void setAxis(Axis axis) { m_axis = axis; }
    Axis axis() const { return m_axis; }
    static constexpr double kHeaderHeight = 34; // lifeline heads
    static constexpr double kLeftMargin = 72;   // the time axis
    static constexpr double kRightMargin = 12;
    static constexpr double kMinUsPerPixel = 0.01;
    static constexpr double kMaxUsPerPixel = 1e9;

    // The lifelines, left to right (hidden nodes are simply not in the list).
    void setLanes(std::vector<NodeId> order);
    const std::vector<NodeId> &lanes() const { return m_lanes; }
    void setSize(QSizeF size);
    QSizeF size() const { return m_size; }

    // The lab time at the top of the plot (just under the heads), and the scale.
    void setTop(qint64 us) { m_topUs = us; }
    qint64 top() const { return m_topUs; }
    void setScale(double usPerPixel);
    double scale() const { return m_usPerPixel; }
    qint64 bottom() const { return usAt(m_size.height()); }

    double yOf(qint64 us) const { return kHeaderHeight + double(us - m_topUs) / m_usPerPixel; }
    qint64 usAt(double y) const;
    double xOfLane(int lane) const;
    double xOf(NodeId node) const; // -1 for a node without a lifeline
    double laneWidth() const;
    // The lifeline nearest x, or -1 when x is off every lifeline's column.
    int laneAt(double x) const;

    // Zooms by factor (> 1: closer) keeping the lab time at y where it is.
    void zoomAbout(double y, double factor);
    void scrollBy(double dy) { m_topUs += static_cast<qint64>(dy * m_usPerPixel); }
    // Shows [fromUs, toUs] from the plot's top to its bottom.
    void fit(qint64 fromUs, qint64 toUs);
    // Keeps endUs a little above the bottom edge (the live end in view), at this scale.
    void follow(qint64 endUs);

    // A message's arrow: from its sender's lifeline at its send to its receiver's at its end
    // (a frame in flight ends at nowUs). Null when either node has no lifeline.
    QLineF arrow(const FlowMessage &m, qint64 nowUs) const;
    // Where a message starts and ends on the axis.
    qint64 startOf(const FlowMessage &m) const;
    qint64 endOf(const FlowMessage &m, qint64 nowUs) const;
    // The fold's messages between two axis positions.
    std::vector<int> visible(const MessageFlow &flow, qint64 from, qint64 to) const;
    // The message nearest p among the fold's visible ones, within tolerance pixels; -1 if none.
    int hit(QPointF p, const MessageFlow &flow, qint64 nowUs, double tolerance = 4,
            const SequenceFilter *filter = nullptr) const;
    static double distance(QPointF p, const QLineF &segment);

private:
    std::vector<NodeId> m_lanes;
    std::vector<int> m_laneOf; // NodeId -> lane, -1 without one
    QSizeF m_size{800, 600};
    qint64 m_topUs = 0;
    double m_usPerPixel = 100; // 0.1 ms a pixel
    Axis m_axis = Axis::LabTime;
};

} // namespace edgecore
