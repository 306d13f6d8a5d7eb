// libFuzzer target: one frame body through the decoder, the verifier and the payload decoder.
#include "fuzzchecks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    edgecore::fuzz::checkEnvelope(data, size);
    return 0;
}
