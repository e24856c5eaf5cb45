#include <gtest/gtest.h>
#include <kraft/core/text.h>

#include <string>

namespace kraft {
namespace {

TEST(SanitizeText, KeepsOrdinaryTextAndUnicode) {
  EXPECT_EQ(sanitize_text("clusters.k3k.io \"demo\" not found"),
            "clusters.k3k.io \"demo\" not found");
  EXPECT_EQ(sanitize_text("Grüße, 東京 ✓"), "Grüße, 東京 ✓");
}

TEST(SanitizeText, EscapesTerminalControlSequences) {
  // OSC 0 retitles the terminal; CSI 2J clears it.
  EXPECT_EQ(sanitize_text("a\x1b]0;pwned\x07" "b\x1b[2Jc"), "a\\e]0;pwned\\x07b\\e[2Jc");
  EXPECT_EQ(sanitize_text("x\x7fy\x01z"), "x\\x7fy\\x01z");
  // C1 CSI (U+009B) encoded in UTF-8, and the Unicode line separator.
  EXPECT_EQ(sanitize_text("a\xc2\x9b" "2Jb\xe2\x80\xa8" "c"), "a\\u009b2Jb\\u2028c");
}

TEST(SanitizeText, MakesOneLine) {
  EXPECT_EQ(sanitize_text("  line one\nline two\r\n\tend \n"), "line one\\nline two\\r\\n\\tend");
}

TEST(SanitizeText, ShowsBytesThatAreNotUtf8) {
  EXPECT_EQ(sanitize_text("a\xff\xc3(b"), "a\\xff\\xc3(b");
  EXPECT_EQ(sanitize_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a UTF-16 surrogate
}

TEST(SanitizeText, BoundsTheLengthAtACharacterBoundary) {
  const std::string big(10 * 1024 * 1024, 'x');
  const std::string out = sanitize_text(big, 100);
  EXPECT_EQ(out, std::string(100, 'x') + "... (10485660 more bytes)");
  // A multi-byte character is never cut in half.
  EXPECT_EQ(sanitize_text("abc€€", 4), "abc€... (3 more bytes)");
}

TEST(SanitizeText, NoLimitWhenAskedForTheFullText) {
  const std::string big(100000, 'y');
  EXPECT_EQ(sanitize_text(big, 0), big);
}

}  // namespace
}  // namespace kraft
