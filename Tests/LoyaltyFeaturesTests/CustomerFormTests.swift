import Foundation
import LoyaltyCore
import LoyaltyFeatures
@testable import LoyaltyStore
import TerminalKit
import Testing

@Suite("Add / edit customer")
struct CustomerFormTests {
    static let sally = Customer(id: 7, firstName: "Sally", lastName: "Pet Owner", phone: "5558675309",
                                email: "sally@example.com")

    func openForm() -> Harness {
        var h = Harness()
        h.signIn()
        h.send(.lookup(.newCustomer))
        return h
    }

    func fill(_ h: inout Harness, first: String, last: String, phone: String = "", email: String = "") {
        h.type(first) { .customerForm(.edit($0)) }
        h.send(.customerForm(.nextField))
        h.type(last) { .customerForm(.edit($0)) }
        h.send(.customerForm(.nextField))
        h.type(phone) { .customerForm(.edit($0)) }
        h.send(.customerForm(.nextField))
        h.type(email) { .customerForm(.edit($0)) }
    }

    @Test func savingAnEmptyFormMarksTheRequiredFields() {
        var h = openForm()
        #expect(h.send(.customerForm(.save)).isEmpty)
        #expect(h.state.customerForm.errors == [.firstName: "The first name is required.",
                                                .lastName: "The last name is required."])
        #expect(h.state.customerForm.focus == .firstName)
        #expect(h.state.status == .error(FeatureStrings.fixTheMarkedFields))
        // Typing in a marked field clears its mark.
        h.type("Z") { .customerForm(.edit($0)) }
        #expect(h.state.customerForm.errors[.firstName] == nil)
        #expect(h.state.customerForm.errors[.lastName] != nil)
    }

    @Test func leavingABadPhoneMarksItAtOnce() {
        var h = openForm()
        h.send(.customerForm(.nextField))
        h.send(.customerForm(.nextField))
        #expect(h.state.customerForm.focus == .phone)
        h.type("55a5") { .customerForm(.edit($0)) }
        #expect(h.state.customerForm.phone.text == "555", "the phone field refuses letters")
        h.send(.customerForm(.nextField))
        #expect(h.state.customerForm.errors[.phone] == "A phone number has 7 to 15 digits; this one has 3.")
        #expect(h.state.customerForm.errors[.firstName] == nil, "fields not visited are not marked yet")
    }

    @Test func aValidFormChecksForDuplicatesThenSaves() {
        var h = openForm()
        fill(&h, first: "Zoë", last: "Smith", phone: "(555) 010-0000", email: "Zoe@Example.com")
        let draft = CustomerDraft(firstName: "Zoë", lastName: "Smith", phone: "(555) 010-0000", email: "Zoe@Example.com")
        #expect(h.send(.customerForm(.save)) == [.findDuplicates(draft, excluding: nil)])
        #expect(h.state.customerForm.isBusy)
        #expect(h.send(.customerForm(.save)).isEmpty, "no second check while one runs")
        #expect(h.send(.customerForm(.duplicatesFound([]))) == [.addCustomer(draft, pets: [], by: Operator(cashierUser))])
        let saved = Customer(id: 42, firstName: "Zoë", lastName: "Smith", phone: "5550100000", email: "zoe@example.com")
        var expected = h.state
        let opening = h.feature.openCustomer(42, &expected)
        #expect(h.send(.customerForm(.saved(saved))) == opening)
        #expect(h.state.route == expected.route)
        #expect(h.state.status == .success(FeatureStrings.customerAdded("Zoë Smith")))
        #expect(!h.state.customerForm.isBusy)
        #expect(h.state.customerForm.firstName.text.isEmpty, "the next new customer starts blank")
    }

    @Test func petsAreAddedRemovedAndSavedWithTheCustomer() {
        var h = openForm()
        fill(&h, first: "Li", last: "Wei")
        h.send(.customerForm(.addPet))
        #expect(h.state.customerForm.focus == .petName(0))
        h.type("Rex") { .customerForm(.edit($0)) }
        h.send(.customerForm(.nextField))
        h.type("dog") { .customerForm(.edit($0)) }
        h.send(.customerForm(.addPet))
        h.send(.customerForm(.nextField))
        h.type("cat") { .customerForm(.edit($0)) }
        // A pet with a species and no name is refused.
        h.send(.customerForm(.save))
        #expect(h.state.customerForm.pets[1].error == FeatureStrings.petNeedsName)
        #expect(h.state.customerForm.focus == .petName(1))
        h.send(.customerForm(.removePet))
        #expect(h.state.customerForm.pets.count == 1)
        #expect(h.state.customerForm.focus == .petName(0))
        let effects = h.send(.customerForm(.save))
        #expect(effects == [.findDuplicates(CustomerDraft(firstName: "Li", lastName: "Wei"), excluding: nil)])
        #expect(h.send(.customerForm(.duplicatesFound([])))
                == [.addCustomer(CustomerDraft(firstName: "Li", lastName: "Wei"), pets: [Pet(name: "Rex", species: "dog")],
                                 by: Operator(cashierUser))])
    }

    @Test func petRowsStopAtWhatTheScreenHolds() {
        var h = openForm()
        for _ in 0..<CustomerFormState.maxPets { h.send(.customerForm(.addPet)) }
        #expect(h.state.customerForm.pets.count == CustomerFormState.maxPets)
        h.send(.customerForm(.addPet))
        #expect(h.state.customerForm.pets.count == CustomerFormState.maxPets)
        #expect(h.state.status == StatusMessage(FeatureStrings.tooManyPets(CustomerFormState.maxPets)))
    }

    @Test func enterMovesOnAndSavesFromTheLastField() {
        var h = openForm()
        h.type("Ann") { .customerForm(.edit($0)) }
        h.send(.customerForm(.advance))
        #expect(h.state.customerForm.focus == .lastName)
        h.type("Lee") { .customerForm(.edit($0)) }
        h.send(.customerForm(.advance))
        h.send(.customerForm(.advance))
        #expect(h.state.customerForm.focus == .email)
        #expect(h.send(.customerForm(.advance)) == [.findDuplicates(CustomerDraft(firstName: "Ann", lastName: "Lee"),
                                                                      excluding: nil)])
    }

    @Test func theDuplicateWarningOffersTheExistingCustomer() {
        var h = openForm()
        fill(&h, first: "Sal", last: "Owner", phone: "555-867-5309")
        h.send(.customerForm(.save))
        let candidate = DuplicateCandidate(customer: Self.sally, reasons: [.samePhone])
        #expect(h.send(.customerForm(.duplicatesFound([candidate]))).isEmpty)
        #expect(h.state.customerForm.showsDuplicateWarning)
        #expect(!h.state.customerForm.isBusy)
        // The form does not take typing while the warning is up.
        h.send(.customerForm(.edit(.char("x"))))
        #expect(h.state.customerForm.email.text.isEmpty)
        var expected = h.state
        let opening = h.feature.openCustomer(7, &expected)
        #expect(h.send(.customerForm(.openDuplicate)) == opening)
        #expect(h.state.route == expected.route)
        #expect(!h.state.customerForm.showsDuplicateWarning)
    }

    @Test func saveAnywayAndKeepEditing() {
        var h = openForm()
        fill(&h, first: "Sal", last: "Owner", phone: "555-867-5309")
        h.send(.customerForm(.save))
        let candidate = DuplicateCandidate(customer: Self.sally, reasons: [.samePhone])
        h.send(.customerForm(.duplicatesFound([candidate])))
        h.send(.customerForm(.cancel))
        #expect(!h.state.customerForm.showsDuplicateWarning, "Esc closes the warning, not the form")
        #expect(h.state.route == .customerForm)
        h.send(.customerForm(.save))
        h.send(.customerForm(.duplicatesFound([candidate])))
        let draft = CustomerDraft(firstName: "Sal", lastName: "Owner", phone: "555-867-5309")
        #expect(h.send(.customerForm(.saveAnyway)) == [.addCustomer(draft, pets: [], by: Operator(cashierUser))])
    }

    @Test func aFailedSaveKeepsTheFormAndSaysWhy() {
        var h = openForm()
        fill(&h, first: "Ann", last: "Lee")
        h.send(.customerForm(.save))
        h.send(.customerForm(.duplicatesFound([])))
        h.send(.customerForm(.saveFailed(.store(.storeBusy(path: "store.sqlite")))))
        #expect(h.state.route == .customerForm)
        #expect(!h.state.customerForm.isBusy)
        #expect(h.state.status == .error(StoreError.storeBusy(path: "store.sqlite").description))
        #expect(h.state.customerForm.firstName.text == "Ann")
    }

    @Test func cancelReturnsWhereTheFormWasOpened() {
        var h = openForm()
        h.send(.customerForm(.cancel))
        #expect(h.state.route == .lookup)
    }

    @Test func escWithSomethingTypedAsksBeforeThrowingItAway() {
        var h = openForm()
        h.type("Kenji") { .customerForm(.edit($0)) }
        #expect(h.send(.customerForm(.cancel)).isEmpty)
        #expect(h.state.route == .customerForm, "nothing is thrown away on Esc alone")
        #expect(h.state.modal == .confirmDiscard(.customerForm(.cancel)))
        h.send(.dismissModal) // N: back to the form, the name kept
        #expect(h.state.modal == nil && h.state.customerForm.firstName.text == "Kenji")
        h.send(.customerForm(.cancel))
        h.send(.discardConfirmed) // Y
        #expect(h.state.modal == nil)
        #expect(h.state.route == .lookup)
    }

    @Test func escOnAFormLeftAsItOpenedLeavesAtOnce() {
        var h = Harness()
        h.signIn()
        h.type("sal") { .lookup(.queryEdited($0)) }
        h.send(.lookup(.newCustomer))
        #expect(h.state.customerForm.firstName.text == "Sal", "pre-filled from the search")
        h.send(.customerForm(.cancel))
        #expect(h.state.modal == nil && h.state.route == .lookup)
    }

    @Test func editFromTheCheckoutUpdatesTheSameCustomer() {
        var h = Harness()
        h.signIn()
        h.state.route = .checkout(7)
        #expect(h.send(.customerLoadedForEdit(Self.sally, pets: [Pet(name: "Rex", species: "dog")],
                                              returnRoute: .checkout(7))).isEmpty)
        #expect(h.state.route == .customerForm)
        #expect(h.state.customerForm.mode == .edit(7))
        #expect(h.state.customerForm.phone.text == "5558675309")
        #expect(h.state.customerForm.existingPets == [Pet(name: "Rex", species: "dog")])
        h.send(.customerForm(.nextField))
        h.send(.customerForm(.edit(.ctrl("u"))))
        h.type("Owner-Smith") { .customerForm(.edit($0)) }
        let draft = CustomerDraft(firstName: "Sally", lastName: "Owner-Smith", phone: "5558675309",
                                  email: "sally@example.com")
        #expect(h.send(.customerForm(.save)) == [.findDuplicates(draft, excluding: 7)])
        #expect(h.send(.customerForm(.duplicatesFound([])))
                == [.updateCustomer(id: 7, draft, notes: "", newPets: [], by: Operator(cashierUser))])
    }
}
