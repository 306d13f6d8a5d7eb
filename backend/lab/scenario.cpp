#include "scenario.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void Scenario::applyTo(ClusterConfig &config) const
{
    config.mallory.framesPerSecond = malloryFramesPerSecond;
}

QStringList Scenario::builtinNames()
{
    return {u"demo"_s};
}

std::optional<Scenario> Scenario::builtin(const QString &name)
{
    if (name == u"demo"_s) {
        Scenario s;
        s.name = name;
        s.description = u"200 session set-ups, VOICE and DATA mixed, through the real cluster "
                        "while mallory forges frames"_s;
        s.load.sessions = 200;
        s.load.voiceShare = 0.5;
        s.load.concurrency = 8;
        s.malloryFramesPerSecond = 500;
        return s;
    }
    return std::nullopt;
}

} // namespace edgecore
