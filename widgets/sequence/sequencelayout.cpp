#include "sequencelayout.h"

#include <algorithm>
#include <cmath>

namespace edgecore {

void SequenceLayout::setLanes(std::vector<NodeId> order)
{
    m_lanes = std::move(order);
    m_laneOf.clear();
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i] >= m_laneOf.size())
            m_laneOf.resize(size_t(m_lanes[i]) + 1, -1);
        m_laneOf[m_lanes[i]] = static_cast<int>(i);
    }
}

void SequenceLayout::setSize(QSizeF size)
{
    m_size = QSizeF(std::max(size.width(), 1.0), std::max(size.height(), kHeaderHeight + 1));
}

void SequenceLayout::setScale(double usPerPixel)
{
    if (!std::isfinite(usPerPixel))
        return;
    m_usPerPixel = std::clamp(usPerPixel, kMinUsPerPixel, kMaxUsPerPixel);
}

qint64 SequenceLayout::usAt(double y) const
{
    return m_topUs + static_cast<qint64>(std::llround((y - kHeaderHeight) * m_usPerPixel));
}

double SequenceLayout::laneWidth() const
{
    if (m_lanes.empty())
        return m_size.width();
    return std::max(m_size.width() - kLeftMargin - kRightMargin, 1.0) / double(m_lanes.size());
}

double SequenceLayout::xOfLane(int lane) const
{
    return kLeftMargin + (lane + 0.5) * laneWidth();
}

double SequenceLayout::xOf(NodeId node) const
{
    if (node >= m_laneOf.size() || m_laneOf[node] < 0)
        return -1;
    return xOfLane(m_laneOf[node]);
}

int SequenceLayout::laneAt(double x) const
{
    if (m_lanes.empty() || x < kLeftMargin || x >= m_size.width() - kRightMargin)
        return -1;
    return std::min(static_cast<int>((x - kLeftMargin) / laneWidth()),
                    static_cast<int>(m_lanes.size()) - 1);
}

void SequenceLayout::zoomAbout(double y, double factor)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    const qint64 anchor = usAt(y);
    setScale(m_usPerPixel / factor);
    m_topUs = anchor - static_cast<qint64>(std::llround((y - kHeaderHeight) * m_usPerPixel));
}

void SequenceLayout::fit(qint64 fromUs, qint64 toUs)
{
    const double plot = m_size.height() - kHeaderHeight;
    setScale(double(std::max<qint64>(toUs - fromUs, 1)) / std::max(plot - 8, 1.0));
    m_topUs = fromUs;
}

void SequenceLayout::follow(qint64 endUs)
{
    const double plot = m_size.height() - kHeaderHeight;
    m_topUs = endUs - static_cast<qint64>(std::llround((plot - 12) * m_usPerPixel));
}

qint64 SequenceLayout::startOf(const FlowMessage &m) const
{
    return m_axis == Axis::LabTime ? m.sentUs : m.firstEvent();
}

qint64 SequenceLayout::endOf(const FlowMessage &m, qint64 nowUs) const
{
    if (m_axis == Axis::LabTime)
        return m.endUs < 0 ? std::max(nowUs, m.sentUs) : m.endUs;
    return m.endEvent < 0 ? std::max<qint64>(nowUs, m.firstEvent()) : m.endEvent;
}

std::vector<int> SequenceLayout::visible(const MessageFlow &flow, qint64 from, qint64 to) const
{
    return m_axis == Axis::LabTime ? flow.visible(from, to) : flow.visibleByOrder(from, to);
}

QLineF SequenceLayout::arrow(const FlowMessage &m, qint64 nowUs) const
{
    const double x1 = xOf(m.from);
    const double x2 = xOf(m.to);
    if (x1 < 0 || x2 < 0)
        return {};
    return QLineF(x1, yOf(startOf(m)), x2, yOf(endOf(m, nowUs)));
}

double SequenceLayout::distance(QPointF p, const QLineF &s)
{
    const QPointF d = s.p2() - s.p1();
    const double len2 = d.x() * d.x() + d.y() * d.y();
    double t = len2 > 0 ? ((p.x() - s.x1()) * d.x() + (p.y() - s.y1()) * d.y()) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF q = s.p1() + t * d;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

int SequenceLayout::hit(QPointF p, const MessageFlow &flow, qint64 nowUs, double tolerance,
                        const SequenceFilter *filter) const
{
    const qint64 slack = static_cast<qint64>(std::ceil(tolerance * m_usPerPixel));
    const qint64 at = usAt(p.y());
    int best = -1;
    double bestDistance = tolerance;
    for (const int id : visible(flow, at - slack, at + slack)) {
        const FlowMessage m = flow.message(id);
        if (filter && !filter->accepts(m))
            continue;
        const QLineF line = arrow(m, nowUs);
        if (line.isNull())
            continue;
        const double d = distance(p, line);
        if (d <= bestDistance) {
            bestDistance = d;
            best = id;
        }
    }
    return best;
}

} // namespace edgecore
