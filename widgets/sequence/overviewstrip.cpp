#include "overviewstrip.h"

#include "sequenceview.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

OverviewStrip::OverviewStrip(SequenceView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setObjectName(u"overviewStrip"_s);
    setFixedWidth(44);
    setToolTip(tr("The whole run: how busy each part was; the frame marks what the diagram "
                  "shows. Click or drag to go there."));
    connect(view, &SequenceView::viewChanged, this, qOverload<>(&QWidget::update));
}

std::pair<qint64, qint64> OverviewStrip::extent() const
{
    const MessageFlow *flow = m_view->flow();
    if (!flow)
        return {0, 1};
    if (m_view->axis() == SequenceLayout::Axis::EventOrder)
        return {0, std::max<qint64>(m_view->now(), 1)};
    const qint64 from = std::max<qint64>(flow->firstUs(), 0);
    return {from, std::max(m_view->now(), from + 1)};
}

qint64 OverviewStrip::positionAt(double y) const
{
    const auto [from, to] = extent();
    const double h = std::max(height() - 4.0, 1.0);
    return from +
           static_cast<qint64>(std::llround(std::clamp(y - 2, 0.0, h) / h * double(to - from)));
}

void OverviewStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0xf6, 0xf7, 0xf9));
    const MessageFlow *flow = m_view->flow();
    if (!flow)
        return;
    const bool order = m_view->axis() == SequenceLayout::Axis::EventOrder;
    const int rows = std::max(height() - 4, 1);
    std::vector<qsizetype> counts(static_cast<size_t>(rows));
    qsizetype most = 1;
    for (int row = 0; row < rows; ++row) {
        const qint64 a = positionAt(row + 2);
        const qint64 b = positionAt(row + 3);
        const qsizetype c = order ? flow->startedBetween(a, b) : flow->sentBetween(a, b);
        counts[static_cast<size_t>(row)] = c;
        most = std::max(most, c);
    }
    const double w = width() - 10;
    for (int row = 0; row < rows; ++row) {
        const qsizetype c = counts[static_cast<size_t>(row)];
        if (!c)
            continue;
        const double frac = std::log1p(double(c)) / std::log1p(double(most));
        p.fillRect(QRectF(5, row + 2, std::max(1.0, w * frac), 1),
                   QColor(0x33, 0x66, 0xcc, 90 + static_cast<int>(165 * frac)));
    }
    // The part the diagram shows.
    const auto [from, to] = extent();
    const double span = double(std::max<qint64>(to - from, 1));
    const SequenceLayout &l = m_view->layout();
    const double y1 = 2 + double(l.usAt(SequenceLayout::kHeaderHeight) - from) / span * rows;
    const double y2 = 2 + double(l.bottom() - from) / span * rows;
    p.setPen(QPen(QColor(0xd0, 0x2b, 0x2b), 1.5));
    p.setBrush(QColor(0xd0, 0x2b, 0x2b, 30));
    p.drawRect(QRectF(2, std::clamp(y1, 0.0, double(height())), width() - 4,
                      std::max(3.0, std::min(y2, double(height())) - std::max(y1, 0.0))));
}

void OverviewStrip::jumpTo(double y)
{
    const qint64 at = positionAt(y);
    SequenceLayout &l = m_view->layout();
    const qint64 half = (l.bottom() - l.usAt(SequenceLayout::kHeaderHeight)) / 2;
    m_view->setFollowing(false);
    l.setTop(at - half);
    m_view->update();
    update();
}

void OverviewStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        jumpTo(event->position().y());
}

void OverviewStrip::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        jumpTo(event->position().y());
}

} // namespace edgecore
