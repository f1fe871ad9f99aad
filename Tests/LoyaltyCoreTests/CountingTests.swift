import LoyaltyCore
import Testing

@Suite struct CountingTests {
    @Test func oneIsSingularAndEveryOtherCountPlural() {
        #expect(Counting.of(1, "card") == "1 card")
        #expect(Counting.of(0, "card") == "0 cards")
        #expect(Counting.of(2, "punch") == "2 punches")
        #expect(Counting.of(1, "punch") == "1 punch")
        #expect(Counting.of(3, "entry") == "3 entries")
        #expect(Counting.of(1, "try") == "1 try")
        #expect(Counting.of(4, "try") == "4 tries")
        #expect(Counting.of(2, "day") == "2 days", "a vowel before y: just s")
        #expect(Counting.of(2, "box") == "2 boxes")
        #expect(Counting.of(2, "person", plural: "people") == "2 people")
        #expect(Counting.verb(1, "moves", "move") == "moves" && Counting.verb(2, "moves", "move") == "move")
        #expect(Counting.list(["a", "b", "c"], or: true) == "a, b or c")
    }
}
