import Testing
@testable import LoyaltyCore

@Suite struct CustomerRulesTests {
    @Test func phoneNormalizedToDigits() throws {
        #expect(try CustomerRules.phone("(555) 123-4567") == "5551234567")
        #expect(try CustomerRules.phone("+1 555.123.4567") == "5551234567")
        #expect(try CustomerRules.phone("1-555-123-4567") == "5551234567")
        #expect(try CustomerRules.phone("123-4567") == "1234567")
        #expect(try CustomerRules.phone("+44 20 7946 0958") == "442079460958")
        #expect(try CustomerRules.phone("  ") == nil)
    }

    @Test func phoneRefusals() {
        #expect(throws: CustomerInputError.phoneLength(digits: 6)) { try CustomerRules.phone("123-456") }
        #expect(throws: CustomerInputError.phoneLength(digits: 16)) { try CustomerRules.phone("1234567890123456") }
        #expect(throws: CustomerInputError.phoneHasLetters) { try CustomerRules.phone("555-CALL-NOW") }
        #expect(CustomerInputError.phoneLength(digits: 6).description == "A phone number has 7 to 15 digits; this one has 6.")
    }

    @Test func emailLowerCasedAndChecked() throws {
        #expect(try CustomerRules.email("  Sally.Owner@Example.COM ") == "sally.owner@example.com")
        #expect(try CustomerRules.email("") == nil)
        for bad in ["sally", "sally@", "@example.com", "sally@example", "sally@@example.com", "sal ly@example.com",
                    "sally@example..com", "sally@example.c"] {
            #expect(throws: CustomerInputError.self, "\(bad)") { try CustomerRules.email(bad) }
        }
        #expect(CustomerInputError.emailInvalid("sally").description
                == "\"sally\" does not look like an email address (name@example.com).")
    }

    @Test func namesTrimmedRequiredAndBounded() throws {
        #expect(try CustomerRules.name("  Sally   Ann ", field: .firstName) == "Sally Ann")
        #expect(try CustomerRules.name("Zoë", field: .firstName) == "Zoë")
        #expect(throws: CustomerInputError.nameMissing(.lastName)) { try CustomerRules.name(" \t", field: .lastName) }
        #expect(throws: CustomerInputError.nameTooLong(.firstName, max: 60)) {
            try CustomerRules.name(String(repeating: "a", count: 61), field: .firstName)
        }
        #expect(throws: CustomerInputError.nameHasControlCharacters(.firstName)) {
            try CustomerRules.name("Sally\u{1B}[2J", field: .firstName)
        }
        #expect(CustomerInputError.nameMissing(.lastName).description == "The last name is required.")
    }

    @Test func draftReportsEveryProblemAtOnce() throws {
        let bad = CustomerDraft(firstName: "", lastName: "Owner", phone: "12", email: "nope")
        let problems = bad.problems()
        #expect(Set(problems.keys) == [.firstName, .phone, .email])
        #expect(problems[.phone] == .phoneLength(digits: 2))
        #expect(problems.values.allSatisfy { problems[$0.field] == $0 })
        #expect(throws: CustomerInputError.nameMissing(.firstName)) { try bad.normalized() }
        let good = try CustomerDraft(firstName: " Sally", lastName: "Pet Owner", phone: "(555) 010-2233",
                                     email: "Sally@Example.com").normalized()
        #expect(good == NormalizedCustomerInput(firstName: "Sally", lastName: "Pet Owner", phone: "5550102233",
                                                email: "sally@example.com"))
    }

    @Test func anIdenticalNameIsTheSameNameNotASimilarOne() {
        let existing = Customer(id: 1, firstName: "Zoë", lastName: "Martin")
        let same = NormalizedCustomerInput(firstName: "zoe", lastName: "MARTIN", phone: nil, email: nil)
        #expect(DuplicateCustomers.reasons(for: same, existing: existing) == [.sameName])
        let close = NormalizedCustomerInput(firstName: "Zoey", lastName: "Martin", phone: nil, email: nil)
        #expect(DuplicateCustomers.reasons(for: close, existing: existing) == [.similarName])
    }

    @Test func similarNames() {
        func similar(_ a: (String, String), _ b: (String, String)) -> Bool {
            NameSimilarity.isSimilar(firstName: a.0, lastName: a.1, toFirstName: b.0, lastName: b.1)
        }
        #expect(similar(("Sally", "Owner"), ("sally", "OWNER")))
        #expect(similar(("Zoë", "Müller"), ("Zoe", "Muller")))
        #expect(similar(("Sally", "Owner"), ("Owner", "Sally")), "first and last swapped")
        #expect(similar(("Sally", "Owner"), ("Sallie", "Owner")), "a small typo")
        #expect(similar(("Jean-Luc", "O'Brien"), ("Jean Luc", "OBrien")))
        #expect(!similar(("Sally", "Owner"), ("Sam", "Owens")))
        #expect(!similar(("Al", "Li"), ("Bo", "Li")), "short names need an exact match")
        #expect(!similar(("", ""), ("", "")))
        #expect(NameSimilarity.editDistance("kitten", "sitting") == 3)
        #expect(NameSimilarity.key("Zoë O'Brien") == "zoeobrien")
        let pasted = String(repeating: "x", count: 10_000)
        #expect(!similar((pasted, pasted), ("Sally", "Owner")))
    }
}
