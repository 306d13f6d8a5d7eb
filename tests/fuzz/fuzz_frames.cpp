// libFuzzer target: the frame reader and the envelope codec's round trip.
#include "fuzzchecks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    edgecore::fuzz::checkFrames(data, size);
    return 0;
}
