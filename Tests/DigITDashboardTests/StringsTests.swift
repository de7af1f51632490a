import DigITCore
import DigITDashboard
import DigITMetrics
import Testing

@Suite struct StringsTests {
  /// Every UI word has a German and an English text (a missing entry would stop the dashboard).
  @Test func everyWordHasBothLanguages() {
    for word in UIText.allCases {
      #expect(!word(.de).isEmpty, "\(word)")
      #expect(!word(.en).isEmpty, "\(word)")
    }
  }
}
