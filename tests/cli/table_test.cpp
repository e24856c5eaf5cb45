// The kubectl-style table: pure layout rules, checked byte for byte.
#include "table.h"

#include <gtest/gtest.h>

namespace kraft::cli {
namespace {

TEST(Table, PadsEveryColumnButTheLastToItsWidestCellPlusThree) {
  Table t({"name", "mode", "age"});
  t.add_row({"a", "shared", "5m"});
  t.add_row({"longer-name", "virtual", "2d"});
  EXPECT_EQ(t.str(),
            "NAME          MODE      AGE\n"
            "a             shared    5m\n"
            "longer-name   virtual   2d\n");
}

TEST(Table, ColumnsAreAtLeastSixWideLikeKubectlsTabwriter) {
  Table t({"a", "b"});
  t.add_row({"x", "y"});
  EXPECT_EQ(t.str(), "A     B\nx     y\n");
}

TEST(Table, NoHeadersDropsTheHeaderAndItsWidth) {
  Table t({"namespace", "name"});
  t.add_row({"team", "demo"});
  EXPECT_EQ(t.str(true), "team   demo\n");
}

TEST(Table, UpperCasesHeadersOnly) {
  Table t({"Server URL", "x"});
  t.add_row({"Mixed", "lower"});
  EXPECT_EQ(t.str(), "SERVER URL   X\nMixed        lower\n");
}

TEST(Table, LinesNeverEndInBlanks) {
  Table t({"name", "message"});
  t.add_row({"a", ""});
  EXPECT_EQ(t.str(), "NAME   MESSAGE\na\n");
}

TEST(Table, RendersWithAnIndentAfterWhatIsThere) {
  Table t({"type", "status"});
  t.add_row({"Ready", "True"});
  std::string out = "Conditions:\n";
  t.render(out, false, "  ");
  EXPECT_EQ(out, "Conditions:\n  TYPE    STATUS\n  Ready   True\n");
}

TEST(Table, MissingCellsAreEmptyAndExtraCellsDropped) {
  Table t({"a", "b"});
  t.add_row({"1"});
  t.add_row({"1", "2", "3"});
  EXPECT_EQ(t.str(), "A     B\n1\n1     2\n");
  EXPECT_EQ(t.rows(), 2u);
}

TEST(Table, WidthsCountCharactersNotBytes) {
  EXPECT_EQ(display_width("héllo"), 5u);
  Table t({"name", "x"});
  t.add_row({"héllo", "1"});
  EXPECT_EQ(t.str(), "NAME    X\nhéllo   1\n");
}

TEST(Table, CellsFromAHostileServerCannotDriveTheTerminal) {
  Table t({"name", "status"});
  t.add_row({"a\x1b]0;pwned\x07", "Ready\x1b[2J"});
  EXPECT_EQ(t.str(), "NAME              STATUS\na\\e]0;pwned\\x07   Ready\\e[2J\n");
}

TEST(Table, EmptyTableIsItsHeader) {
  EXPECT_EQ(Table({"name"}).str(), "NAME\n");
  EXPECT_EQ(Table({"name"}).str(true), "");
}

}  // namespace
}  // namespace kraft::cli
