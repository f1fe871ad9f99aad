/// Name material for the synthetic store: common US first names, common surnames, and surnames built from
/// syllables so that a million customers have the spread of names (and of 2–6 letter prefixes) a real
/// customer list has.
enum Names {
    static let first: [String] = """
        James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph \
        Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra Mark Margaret \
        Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian \
        Melissa George Deborah Timothy Stephanie Ronald Rebecca Edward Sharon Jason Laura Jeffrey Cynthia Ryan \
        Dorothy Jacob Amy Gary Kathleen Nicholas Angela Eric Shirley Jonathan Emma Stephen Brenda Larry Pamela \
        Justin Nicole Scott Anna Brandon Samantha Benjamin Katherine Samuel Christine Gregory Debra Alexander \
        Rachel Patrick Carolyn Frank Janet Raymond Maria Jack Olivia Dennis Heather Jerry Helen Tyler Catherine \
        Aaron Diane Jose Julie Adam Victoria Nathan Joyce Henry Lauren Zachary Kelly Douglas Christina Peter Ruth \
        Kyle Joan Noah Virginia Ethan Judith Jeremy Evelyn Walter Hannah Christian Andrea Keith Megan Roger \
        Cheryl Terry Jacqueline Austin Madison Sean Teresa Gerald Abigail Carl Sophia Harold Martha Dylan Sara \
        Arthur Gloria Lawrence Janice Jordan Kathryn Jesse Ann Bryan Isabella Billy Judy Bruce Charlotte Gabriel \
        Julia Joe Grace Logan Amber Alan Alice Juan Jean Albert Denise Willie Frances Elijah Danielle Wayne \
        Marilyn Randy Natalie Vincent Beverly Mason Diana Roy Brittany Ralph Theresa Bobby Kayla Russell \
        Alexis Bradley Doris Philip Lori Eugene Tiffany Sally Zoe Luis Rosa Carlos Ana Miguel Lucia Wei Mei \
        Hiroshi Yuki Priya Arjun Fatima Omar Ingrid Lars Sven Astrid Pierre Claire Giulia Marco Aisha Kofi
        """.split(separator: " ").map(String.init)

    static let commonLast: [String] = """
        Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson \
        Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis \
        Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall \
        Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins \
        Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly \
        Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes \
        Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan \
        Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander \
        Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina \
        Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy \
        Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon \
        Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose \
        Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver \
        Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart \
        Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado \
        Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval \
        Petowner O'Brien McAllister Nakamura Yamamoto Okafor Mensah Kowalski Novak Lindqvist Dubois Rossi
        """.split(separator: " ").map(String.init)

    private static let onsets = ["B", "Br", "C", "Ch", "D", "F", "G", "Gr", "H", "K", "L", "M", "N", "P", "R", "S",
                                 "St", "T", "V", "W", "Z", "Th", "Sh", "J", "Bl"]
    private static let vowels = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "y"]
    private static let middles = ["r", "l", "n", "m", "s", "t", "v", "d", "k", "rr", "ll", "nd", "st", "rk"]
    private static let endings = ["son", "er", "ley", "ton", "man", "ard", "ski", "ez", "ing", "ett", "ow", "ey",
                                  "ford", "berg", "stein", "wood", "field", "ova", "ini", "an"]

    /// `count` distinct surnames built from syllables (deterministic for a seed).
    static func generatedLast(_ count: Int, rng: inout SeededRandom) -> [String] {
        var seen = Set(commonLast)
        var names: [String] = []
        while names.count < count {
            let name = rng.pick(onsets) + rng.pick(vowels) + rng.pick(middles) + rng.pick(vowels.prefix(5).map { $0 })
                + rng.pick(endings)
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    static let emailDomains = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com",
                               "comcast.net", "example.org", "proton.me", "msn.com"]
    static let areaCodes = ["206", "253", "360", "425", "509", "503", "971", "541", "208", "406", "415", "510",
                            "408", "650", "707", "916", "212", "718", "917", "312", "773", "214", "512", "303"]

    static let brands = ["MeNow", "Acana", "Orijen", "Fromm", "Taste of the Wild", "Blue Buffalo", "Wellness",
                         "Merrick", "Nutro", "Canidae", "Earthborn", "Nulo", "Stella & Chewy's", "Ziwi", "Zignature",
                         "Instinct", "Open Farm", "Petcurean", "Holistic Select", "Diamond"]
    static let lines = ["Munchies", "Grain Free", "Small Breed", "Senior", "Puppy", "Kitten", "Indoor Cat",
                        "Large Breed", "Limited Ingredient", "High Protein"]
    static let flavors = ["Chicken & Rice", "Lamb & Barley", "Salmon", "Turkey", "Duck", "Beef", "Whitefish",
                          "Venison"]
    static let sizes = ["4 lb", "12 lb", "24 lb", "30 lb"]
}
