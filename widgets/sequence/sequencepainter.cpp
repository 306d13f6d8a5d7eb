#include "sequencepainter.h"

#include "core/envelope.h"
#include "sequencelayout.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QImage>
#include <QLocale>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>

#include <atomic>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
// A tick every 1, 2 or 5 times a power of ten of microseconds, about 80 px apart.
qint64 tickStep(double usPerPixel)
{
    const double target = usPerPixel * 80;
    double step = 1;
    while (step * 10 <= target)
        step *= 10;
    if (step * 5 <= target)
        step *= 5;
    else if (step * 2 <= target)
        step *= 2;
    return std::max<qint64>(1, static_cast<qint64>(step));
}

QString timeLabel(qint64 us, qint64 step)
{
    const QLocale locale;
    if (step >= 1'000'000)
        return QCoreApplication::translate("SequencePainter", "%1 s")
            .arg(locale.toString(us / 1e6, 'f', 0));
    if (step >= 1000)
        return QCoreApplication::translate("SequencePainter", "%1 s")
            .arg(locale.toString(us / 1e6, 'f',
                                 step >= 100'000  ? 1
                                 : step >= 10'000 ? 2
                                                  : 3));
    return QCoreApplication::translate("SequencePainter", "%1 ms")
        .arg(locale.toString(us / 1e3, 'f',
                             step >= 100  ? 1
                             : step >= 10 ? 2
                                          : 3));
}

// Density: per lifeline (lane-major) and pixel row, how many messages left it there, as
// bars whose width and colour grow with the count (on a log scale).
void paintDensity(QPainter &p, const SequenceLayout &l, const std::vector<quint64> &count, int rows)
{
    if (count.empty())
        return;
    const quint64 most = std::max<quint64>(1, *std::max_element(count.begin(), count.end()));
    const double w = std::min(l.laneWidth() * 0.8, 60.0);
    for (size_t lane = 0; lane < l.lanes().size(); ++lane) {
        const double x = l.xOfLane(static_cast<int>(lane));
        for (int row = 0; row < rows; ++row) {
            const quint64 c = count[lane * static_cast<size_t>(rows) + static_cast<size_t>(row)];
            if (!c)
                continue;
            const double frac = std::log1p(double(c)) / std::log1p(double(most));
            p.fillRect(QRectF(x - w / 2 * frac, SequenceLayout::kHeaderHeight + row, w * frac, 1),
                       QColor(0x33, 0x66, 0xcc, 60 + static_cast<int>(195 * frac)));
        }
    }
}

void arrowHead(QPainter &p, const QLineF &line, const QColor &c)
{
    if (line.length() < 6)
        return;
    const QLineF unit = line.unitVector();
    const QPointF d(unit.dx() * 7, unit.dy() * 7);
    const QPointF n(-d.y() * 0.45, d.x() * 0.45);
    const QPointF tip = line.p2();
    const QPointF pts[3] = {tip, tip - d + n, tip - d - n};
    p.setBrush(c);
    p.drawPolygon(pts, 3);
}
// 1-pixel lines set straight into an image (Bresenham's, clipped first), for the raster
// engine: one layer per thread, reused from paint to paint.
class LineLayer
{
public:
    // The layer for a paint on p, cleared; null where p does not paint pixels.
    static LineLayer *over(QPainter &p)
    {
        if (!p.paintEngine() || p.paintEngine()->type() != QPaintEngine::Raster || !p.device())
            return nullptr;
        thread_local LineLayer layer;
        const qreal dpr = p.device()->devicePixelRatioF();
        const QSize size(qRound(p.device()->width() * dpr), qRound(p.device()->height() * dpr));
        if (layer.m_image.size() != size)
            layer.m_image = QImage(size, QImage::Format_ARGB32_Premultiplied);
        layer.m_image.setDevicePixelRatio(dpr);
        layer.m_image.fill(Qt::transparent);
        layer.m_scale = dpr;
        layer.m_transform = p.transform();
        return &layer;
    }

    void draw(const QVector<QLineF> &lines, const QColor &colour, bool dashed)
    {
        const QRgb rgba = qPremultiply(colour.rgba());
        const int w = m_image.width();
        const int h = m_image.height();
        auto *bits = reinterpret_cast<QRgb *>(m_image.bits());
        const qsizetype stride = m_image.bytesPerLine() / 4;
        for (const QLineF &logical : lines) {
            const QLineF line = m_transform.map(logical);
            double x0 = line.x1() * m_scale, y0 = line.y1() * m_scale;
            double x1 = line.x2() * m_scale, y1 = line.y2() * m_scale;
            if (!std::isfinite(x0 + y0 + x1 + y1))
                continue;
            if (!clip(x0, y0, x1, y1, w - 1, h - 1))
                continue;
            int ax = static_cast<int>(std::floor(x0)), ay = static_cast<int>(std::floor(y0));
            const int bx = static_cast<int>(std::lround(x1)),
                      by = static_cast<int>(std::lround(y1));
            const int dx = std::abs(bx - ax), sx = ax < bx ? 1 : -1;
            const int dy = -std::abs(by - ay), sy = ay < by ? 1 : -1;
            int err = dx + dy;
            // Qt's dash: 4 on, 2 off, along the line's length.
            const double stepLength = std::hypot(dx, dy) / std::max(1, std::max(dx, -dy));
            double along = 0;
            for (;; along += stepLength) {
                if (!dashed || std::fmod(along, 6.0) < 4.0)
                    bits[ay * stride + ax] = rgba;
                if (ax == bx && ay == by)
                    break;
                const int e2 = 2 * err;
                if (e2 >= dy) {
                    err += dy;
                    ax += sx;
                }
                if (e2 <= dx) {
                    err += dx;
                    ay += sy;
                }
            }
        }
    }

    void paintOnto(QPainter &p) const
    {
        p.save();
        p.resetTransform();
        p.drawImage(QPointF(0, 0), m_image);
        p.restore();
    }

private:
    // Liang-Barsky: the part of the segment inside [0, xmax] x [0, ymax]; false if none.
    static bool clip(double &x0, double &y0, double &x1, double &y1, double xmax, double ymax)
    {
        double t0 = 0, t1 = 1;
        const double dx = x1 - x0, dy = y1 - y0;
        const double p[4] = {-dx, dx, -dy, dy};
        const double q[4] = {x0, xmax - x0, y0, ymax - y0};
        for (int i = 0; i < 4; ++i) {
            if (p[i] == 0) {
                if (q[i] < 0)
                    return false;
                continue;
            }
            const double t = q[i] / p[i];
            if (p[i] < 0)
                t0 = std::max(t0, t);
            else
                t1 = std::min(t1, t);
            if (t0 > t1)
                return false;
        }
        const double ox = x0, oy = y0;
        x0 = ox + t0 * dx;
        y0 = oy + t0 * dy;
        x1 = ox + t1 * dx;
        y1 = oy + t1 * dy;
        // Rounding stays inside.
        x0 = std::clamp(x0, 0.0, xmax);
        x1 = std::clamp(x1, 0.0, xmax);
        y0 = std::clamp(y0, 0.0, ymax);
        y1 = std::clamp(y1, 0.0, ymax);
        return true;
    }

    QImage m_image;
    qreal m_scale = 1;
    QTransform m_transform;
};

} // namespace

namespace {
std::atomic<bool> layered{true};
} // namespace

void SequencePainter::setLayered(bool on)
{
    layered = on;
}

QColor SequencePainter::colour(MessageClass c)
{
    switch (c) {
    case MessageClass::Client:
        return QColor(0x33, 0x66, 0xcc);
    case MessageClass::Prepare:
        return QColor(0xe0, 0x8a, 0x00);
    case MessageClass::Vote:
        return QColor(0x2e, 0x9d, 0x5b);
    case MessageClass::Decision:
        return QColor(0x8e, 0x3f, 0xc0);
    case MessageClass::Lease:
        return QColor(0xb8, 0x93, 0x00);
    case MessageClass::Dsm:
        return QColor(0x7a, 0x86, 0x92);
    case MessageClass::Stream:
        return QColor(0x1a, 0x9c, 0xb0);
    case MessageClass::Forged:
        return QColor(0xd0, 0x2b, 0x2b);
    }
    return Qt::black;
}

QString SequencePainter::className(MessageClass c)
{
    switch (c) {
    case MessageClass::Client:
        return QCoreApplication::translate("SequencePainter", "client and session");
    case MessageClass::Prepare:
        return QCoreApplication::translate("SequencePainter", "prepare, pre-commit");
    case MessageClass::Vote:
        return QCoreApplication::translate("SequencePainter", "vote, acknowledgement");
    case MessageClass::Decision:
        return QCoreApplication::translate("SequencePainter", "commit, abort");
    case MessageClass::Lease:
        return QCoreApplication::translate("SequencePainter", "lease");
    case MessageClass::Dsm:
        return QCoreApplication::translate("SequencePainter", "DSM and locks");
    case MessageClass::Stream:
        return QCoreApplication::translate("SequencePainter", "stream event");
    case MessageClass::Forged:
        return QCoreApplication::translate("SequencePainter", "forged");
    }
    return {};
}

int SequencePainter::paint(QPainter &p, const SequenceScene &s)
{
    const SequenceLayout &l = *s.layout;
    const MessageFlow &flow = *s.flow;
    const QSizeF size = l.size();
    const double plotTop = SequenceLayout::kHeaderHeight;
    p.fillRect(QRectF(QPointF(0, 0), size), Qt::white);

    // The time axis: ticks at round lab times.
    const qint64 top = l.usAt(plotTop);
    const qint64 bottom = l.bottom();
    const bool order = l.axis() == SequenceLayout::Axis::EventOrder;
    const qint64 step = tickStep(l.scale());
    p.setRenderHint(QPainter::Antialiasing, false);
    QFont small = p.font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    p.setFont(small);
    for (qint64 t = (std::max<qint64>(top, 0) / step) * step; t <= bottom; t += step) {
        const double y = l.yOf(t);
        if (y < plotTop)
            continue;
        p.setPen(QColor(0xee, 0xee, 0xee));
        p.drawLine(QPointF(SequenceLayout::kLeftMargin - 4, y), QPointF(size.width(), y));
        p.setPen(QColor(0x70, 0x70, 0x70));
        p.drawText(QRectF(0, y - 8, SequenceLayout::kLeftMargin - 8, 16),
                   Qt::AlignRight | Qt::AlignVCenter,
                   order ? QCoreApplication::translate("SequencePainter", "#%L1").arg(t)
                         : timeLabel(t, step));
    }

    // Lifelines, and the leaders' strips with their fencing tokens.
    const std::vector<NodeId> &lanes = l.lanes();
    for (size_t i = 0; i < lanes.size(); ++i) {
        const double x = l.xOfLane(static_cast<int>(i));
        p.setPen(QPen(QColor(0xb0, 0xb0, 0xb0), 1, Qt::DashLine));
        p.drawLine(QPointF(x, plotTop), QPointF(x, size.height()));
    }
    // An interval of a lifeline (a fault, a crash, a leadership) on the current axis: where it
    // starts (`from`, on the axis) and its rows clipped to the plot; false when out of view.
    struct Span
    {
        qint64 from;
        double y1;
        double y2;
    };
    const auto spanOf = [&](const auto &i, Span &out) {
        out.from = order ? i.fromEvent : i.fromUs;
        const qint64 to =
            order ? (i.toEvent < 0 ? s.nowUs : i.toEvent) : (i.toUs < 0 ? s.nowUs : i.toUs);
        out.y1 = std::max(plotTop, l.yOf(out.from));
        out.y2 = std::min(size.height(), l.yOf(to));
        return out.y2 > out.y1;
    };
    // Faults on the lifelines: paused (hatched), slowed (an amber edge), isolated (a red
    // frame); a partition shades the whole lab.
    for (const FaultInterval &f : flow.faults()) {
        Span span;
        if (!spanOf(f, span))
            continue;
        const qint64 from = span.from;
        const double y1 = span.y1;
        const double y2 = span.y2;
        if (f.kind == FaultInterval::Kind::Partitioned) {
            p.fillRect(QRectF(SequenceLayout::kLeftMargin, y1,
                              size.width() - SequenceLayout::kLeftMargin, y2 - y1),
                       QColor(0xd0, 0x2b, 0x2b, 18));
            if (l.yOf(from) >= plotTop) {
                p.setPen(QColor(0xb0, 0x3a, 0x2e));
                p.drawText(QPointF(SequenceLayout::kLeftMargin + 4, y1 + 12),
                           QCoreApplication::translate("SequencePainter", "partition"));
            }
            continue;
        }
        if (f.kind == FaultInterval::Kind::Link) {
            // A faulty link: both its ends dotted amber (every lifeline when either end is
            // every node), labelled at the sender's.
            const QColor amber(0xe0, 0x8a, 0x00, 150);
            const double w = std::min(l.laneWidth() * 0.3, 24.0);
            const auto shade = [&](double x) {
                p.fillRect(QRectF(x - w / 2, y1, w, y2 - y1), QBrush(amber, Qt::Dense6Pattern));
            };
            if (f.node == kNoNode && f.peer == kNoNode) {
                for (size_t i = 0; i < lanes.size(); ++i)
                    shade(l.xOfLane(static_cast<int>(i)));
            } else {
                for (const NodeId end : {f.node, f.peer})
                    if (end != kNoNode && l.xOf(end) >= 0)
                        shade(l.xOf(end));
            }
            const double at = f.node != kNoNode ? l.xOf(f.node) : l.xOf(f.peer);
            if (l.yOf(from) >= plotTop && at >= 0) {
                p.setPen(QColor(0x8a, 0x55, 0x00));
                p.drawText(QPointF(at + w / 2 + 2, y1 + 36),
                           f.peer != kNoNode && f.node != kNoNode
                               ? QCoreApplication::translate("SequencePainter", "link to %1")
                                     .arg(s.names.value(f.peer))
                               : QCoreApplication::translate("SequencePainter", "faulty links"));
            }
            continue;
        }
        const double x = l.xOf(f.node);
        if (x < 0)
            continue;
        const double w = std::min(l.laneWidth() * 0.6, 60.0);
        const QRectF band(x - w / 2, y1, w, y2 - y1);
        QString label;
        switch (f.kind) {
        case FaultInterval::Kind::Paused:
            p.fillRect(band, QBrush(QColor(0x33, 0x66, 0xcc, 70), Qt::BDiagPattern));
            label = QCoreApplication::translate("SequencePainter", "paused");
            break;
        case FaultInterval::Kind::Slow:
            p.fillRect(QRectF(x + w / 2 - 3, y1, 3, y2 - y1), QColor(0xe0, 0x8a, 0x00, 160));
            label = QCoreApplication::translate("SequencePainter", "slow +%1 ms").arg(f.value);
            break;
        case FaultInterval::Kind::Isolated:
            p.setPen(QPen(QColor(0xd0, 0x2b, 0x2b, 160), 1, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawRect(band);
            label = QCoreApplication::translate("SequencePainter", "isolated");
            break;
        case FaultInterval::Kind::Partitioned:
        case FaultInterval::Kind::Link:
            break;
        }
        if (l.yOf(from) >= plotTop) {
            p.setPen(QColor(0x50, 0x5a, 0x66));
            p.drawText(QPointF(x - w / 2 + 2, y1 + 24), label);
        }
    }
    // A crashed host's lifeline, greyed until it restarts.
    for (const DownInterval &down : flow.downs()) {
        const double x = l.xOf(down.node);
        Span span;
        if (x < 0 || !spanOf(down, span))
            continue;
        const qint64 from = span.from;
        const double y1 = span.y1;
        const double y2 = span.y2;
        const double w = std::min(l.laneWidth() * 0.7, 70.0);
        p.fillRect(QRectF(x - w / 2, y1, w, y2 - y1), QColor(0x60, 0x66, 0x70, 70));
        if (l.yOf(from) >= plotTop) {
            p.setPen(QColor(0x40, 0x44, 0x4a));
            p.drawText(QPointF(x - w / 2 + 3, y1 + 12),
                       QCoreApplication::translate("SequencePainter", "crashed"));
        }
    }
    for (const LeaderInterval &lead : flow.leaders()) {
        const double x = l.xOf(lead.node);
        Span span;
        if (x < 0 || !spanOf(lead, span))
            continue;
        const qint64 from = span.from;
        const double y1 = span.y1;
        const double y2 = span.y2;
        p.fillRect(QRectF(x - 2, y1, 4, y2 - y1), QColor(0xf2, 0xc9, 0x4c, 0xa0));
        if (l.yOf(from) >= plotTop) {
            p.setPen(QColor(0x8a, 0x6d, 0x00));
            p.drawText(
                QPointF(x + 6, y1 + 12),
                QCoreApplication::translate("SequencePainter", "leader, token %1").arg(lead.token));
        }
    }

    // The messages in view.
    int drawn = 0;
    const int rows = static_cast<int>(size.height() - plotTop) + 1;
    // Zoomed far out on lab time: the density per sender and row straight from the fold's
    // range-count index, without visiting a message.
    const bool filtered = s.filter && !s.filter->showsAll();
    // (A long run's buckets grow wider than 10 ms: a row within one gets its share of it.)
    if (!order && !filtered && l.scale() >= double(MessageFlow::kBucketUs) &&
        flow.sentBetween(top, bottom) > std::min<qsizetype>(kMaxArrows, 4 * rows)) {
        std::vector<quint64> count(lanes.size() * static_cast<size_t>(rows), 0);
        for (size_t lane = 0; lane < lanes.size(); ++lane)
            for (int row = 0; row < rows; ++row)
                count[lane * static_cast<size_t>(rows) + static_cast<size_t>(row)] =
                    flow.sentBy(lanes[lane], l.usAt(plotTop + row), l.usAt(plotTop + row + 1));
        paintDensity(p, l, count, rows);
    } else {
        std::vector<int> ids = l.visible(flow, top, bottom);
        if (filtered)
            ids.erase(std::remove_if(ids.begin(), ids.end(),
                                     [&](int id) { return !s.filter->accepts(flow.message(id)); }),
                      ids.end());
        // More arrows than four a pixel row: their density instead.
        if (static_cast<int>(ids.size()) > std::min(kMaxArrows, 4 * rows)) {
            std::vector<quint64> count(lanes.size() * static_cast<size_t>(rows), 0);
            for (const int id : ids) {
                const FlowMessage m = flow.message(id);
                const double x = l.xOf(m.from);
                const int row = static_cast<int>(l.yOf(l.startOf(m)) - plotTop);
                if (x >= 0 && row >= 0 && row < rows)
                    ++count[static_cast<size_t>(l.laneAt(x)) * static_cast<size_t>(rows) +
                            static_cast<size_t>(row)];
            }
            paintDensity(p, l, count, rows);
        } else {
            // Arrows in batches: one drawLines per colour and style (Qt's raster engine pays per
            // call far more than per line); heads and labels only while there are few.
            const bool few = ids.size() < 1500;
            const bool labels = ids.size() < 300;
            // Antialiased lines cost the raster engine several times as much (blending per
            // pixel): only while there are few enough to be read one by one (the window fell
            // behind its input at 10x with about a thousand smooth arrows in view).
            p.setRenderHint(QPainter::Antialiasing, labels);
            // [class][dashed][faded]
            QVector<QLineF> batches[kMessageClassCount][2][2];

            std::vector<std::pair<QLineF, FlowMessage>> marks; // heads, crosses, rings
            std::vector<std::pair<QLineF, int>> emphasised;    // the selected transaction
            std::vector<double> lastLabel(lanes.size(), -1e9);
            for (const int id : ids) {
                const FlowMessage m = flow.message(id);
                QLineF line = l.arrow(m, s.nowUs);
                if (line.isNull())
                    continue;
                if (m.fate == MessageFate::Lost) // it never arrived: it ends halfway, crossed out
                    line.setP2(line.pointAt(0.5));
                const bool inTx = s.highlight && m.tx == s.highlight;
                if (id == s.selected || inTx)
                    emphasised.emplace_back(line, id);
                else
                    batches[static_cast<int>(m.cls)][m.fate == MessageFate::InFlight]
                           [s.highlight != 0]
                               .push_back(line);
                if (few || m.fate == MessageFate::Lost || m.fate == MessageFate::Refused ||
                    m.duplicate)
                    marks.emplace_back(line, m);
                ++drawn;
                const int lane = l.laneAt(std::min(line.x1(), line.x2()) + 1);
                if (labels && line.length() > 60 && lane >= 0 &&
                    line.pointAt(0.5).y() - lastLabel[static_cast<size_t>(lane)] > 13) {
                    const QPointF mid = line.pointAt(0.5);
                    lastLabel[static_cast<size_t>(lane)] = mid.y();
                    QColor c = colour(m.cls);
                    if (s.highlight && !inTx)
                        c.setAlpha(60);
                    p.setPen(c.darker(130));
                    p.drawText(QPointF(mid.x() - 30, mid.y() - 3),
                               toString(static_cast<MsgType>(m.type)));
                }
            }
            // On the screen (the raster engine), without antialiasing, the lines are set into a
            // layer pixel by pixel and the layer drawn once: Qt 6.4's cosmetic stroker pays per
            // pixel about ten times what this does, and a zoomed-out view at full load has a
            // few thousand lines hundreds of pixels long. Anywhere else (SVG, PDF), QPainter.
            LineLayer *layer = !labels && layered ? LineLayer::over(p) : nullptr;
            for (int c = 0; c < kMessageClassCount; ++c)
                for (int dashed = 0; dashed < 2; ++dashed)
                    for (int faded = 0; faded < 2; ++faded) {
                        const QVector<QLineF> &lines = batches[c][dashed][faded];
                        if (lines.isEmpty())
                            continue;
                        QColor col = colour(static_cast<MessageClass>(c));
                        if (faded)
                            col.setAlpha(60);
                        if (layer) {
                            layer->draw(lines, col, dashed);
                            continue;
                        }
                        p.setPen(QPen(col, 1, dashed ? Qt::DashLine : Qt::SolidLine));
                        p.drawLines(lines);
                    }
            if (layer)
                layer->paintOnto(p);
            for (const auto &[line, id] : emphasised) {
                const FlowMessage m = flow.message(id);
                QPen pen(colour(m.cls), id == s.selected ? 3 : 2);
                if (m.fate == MessageFate::InFlight)
                    pen.setStyle(Qt::DashLine);
                p.setPen(pen);
                p.drawLine(line);
            }
            for (const auto &[line, m] : marks) {
                QColor c = colour(m.cls);
                if (s.highlight && m.tx != s.highlight)
                    c.setAlpha(60);
                const QPointF end = line.p2();
                if (m.duplicate) { // a copy made by hand: "×2" at its start
                    p.setPen(QColor(0x8a, 0x55, 0x00));
                    p.drawText(line.p1() + QPointF(line.dx() >= 0 ? 4 : -18, -3), u"×2"_s);
                }
                switch (m.fate) {
                case MessageFate::Delivered:
                case MessageFate::InFlight:
                    p.setPen(QPen(c, 1));
                    arrowHead(p, line, c);
                    break;
                case MessageFate::Lost:
                    p.setPen(QPen(QColor(0xb0, 0x3a, 0x2e), 2));
                    p.drawLine(end + QPointF(-4, -4), end + QPointF(4, 4));
                    p.drawLine(end + QPointF(-4, 4), end + QPointF(4, -4));
                    break;
                case MessageFate::Refused:
                    p.setPen(QPen(QColor(0xb0, 0x3a, 0x2e), 2));
                    p.setBrush(Qt::white);
                    p.drawEllipse(end, 4, 4);
                    p.drawLine(end + QPointF(-3, 3), end + QPointF(3, -3));
                    break;
                }
            }
        }

    } // the messages in view

    // The time cursor, when the window looks at the past.
    if (s.cursorUs >= 0) {
        const double y = l.yOf(s.cursorUs);
        if (y >= plotTop && y <= size.height()) // crisp, two pixels: it must not be missed
            p.fillRect(QRectF(0, std::floor(y) - 1, size.width(), 2), QColor(0xd0, 0x2b, 0x2b));
    }

    // The legend, bottom right: what each colour and mark means.
    {
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setFont(small);
        const QFontMetricsF fm(small);
        const QStringList marks{
            QCoreApplication::translate("SequencePainter", "lost in the network"),
            QCoreApplication::translate("SequencePainter", "refused by the receiver"),
            QCoreApplication::translate("SequencePainter", "in flight")};
        double width = 0;
        for (int c = 0; c < kMessageClassCount; ++c)
            width = std::max(width, fm.horizontalAdvance(className(static_cast<MessageClass>(c))));
        for (const QString &m : marks)
            width = std::max(width, fm.horizontalAdvance(m));
        const double line = fm.height() + 2;
        const QRectF box(size.width() - width - 52, size.height() - line * 11 - 8, width + 44,
                         line * 11 + 2);
        if (box.top() > plotTop + 40 && box.left() > SequenceLayout::kLeftMargin) {
            p.setPen(QColor(0xd0, 0xd4, 0xda));
            p.setBrush(QColor(255, 255, 255, 225));
            p.drawRoundedRect(box, 4, 4);
            double y = box.top() + line * 0.5 + 3;
            for (int c = 0; c < kMessageClassCount; ++c, y += line) {
                const QColor col = colour(static_cast<MessageClass>(c));
                p.setPen(QPen(col, 2));
                p.drawLine(QPointF(box.left() + 8, y), QPointF(box.left() + 28, y));
                p.setPen(QColor(0x30, 0x30, 0x30));
                p.drawText(QPointF(box.left() + 34, y + fm.ascent() / 2 - 1),
                           className(static_cast<MessageClass>(c)));
            }
            const QColor red(0xb0, 0x3a, 0x2e);
            for (int i = 0; i < 3; ++i, y += line) {
                const QPointF at(box.left() + 24, y);
                p.setBrush(Qt::white);
                if (i == 0) {
                    p.setPen(QPen(red, 2));
                    p.drawLine(at + QPointF(-4, -4), at + QPointF(4, 4));
                    p.drawLine(at + QPointF(-4, 4), at + QPointF(4, -4));
                } else if (i == 1) {
                    p.setPen(QPen(red, 2));
                    p.drawEllipse(at, 4, 4);
                } else {
                    p.setPen(QPen(QColor(0x50, 0x5a, 0x66), 1, Qt::DashLine));
                    p.drawLine(QPointF(box.left() + 8, y), QPointF(box.left() + 28, y));
                }
                p.setPen(QColor(0x30, 0x30, 0x30));
                p.drawText(QPointF(box.left() + 34, y + fm.ascent() / 2 - 1), marks.at(i));
            }
        }
    }

    // The lifelines' heads last, over everything that scrolled under them.
    p.setRenderHint(QPainter::Antialiasing, true);
    p.fillRect(QRectF(0, 0, size.width(), plotTop), QColor(0xf6, 0xf7, 0xf9));
    QFont bold = small;
    bold.setBold(true);
    p.setFont(bold);
    for (size_t i = 0; i < lanes.size(); ++i) {
        const double x = l.xOfLane(static_cast<int>(i));
        const double w = std::min(l.laneWidth() - 6, 110.0);
        const QRectF box(x - w / 2, 6, w, plotTop - 12);
        p.setPen(QColor(0x50, 0x5a, 0x66));
        p.setBrush(Qt::white);
        p.drawRoundedRect(box, 4, 4);
        p.drawText(box, Qt::AlignCenter, s.names.value(lanes[i]));
    }
    p.setPen(QColor(0xd0, 0xd4, 0xda));
    p.drawLine(QPointF(0, plotTop), QPointF(size.width(), plotTop));
    return drawn;
}

} // namespace edgecore
