import DigITDashboard
import Testing

/// The theme lives with the widgets: every role has colours, and without colours the roles that carry
/// meaning still stand out.
@Suite struct ThemeTests {
  @Test func rolesThatCarryMeaningStandOutWithoutColour() {
    for role in [Role.red, .error, .warning, .header] { #expect(Theme.monochrome(role) == .bold, "\(role)") }
    for role in [Role.selected, .activeTab, .title] { #expect(Theme.monochrome(role) == .reverse, "\(role)") }
    #expect(Theme.monochrome(.normal) == .none)
  }

  @Test func redAmberAndGreenHaveTheirColours() {
    #expect(Theme.colors(.red).foreground == .red)
    #expect(Theme.colors(.amber).foreground == .yellow)
    #expect(Theme.colors(.green).foreground == .green)
    #expect(Theme.colors(.normal).foreground == nil && Theme.colors(.normal).background == nil)
  }
}
