//! Small closed word classes that decide whether a gazetteer hit is a place: personal titles
//! (`President Jordan` is a person), direction words (`Southern California`), nouns that make a
//! name a place (`Jordan River`, `Hebei Province`), heads of organisation names
//! (`Bank of England`), words that introduce a location (`in`, `near`).

/// Personal titles and roles written before a person's name.
pub fn is_title(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs" | "Ms" | "Miss" | "Dr" | "Sir" | "Dame" | "Lord" | "Lady" | "President"
            | "Senator" | "Sen" | "Rep" | "Representative" | "Congressman" | "Congresswoman"
            | "Gov" | "Governor" | "Mayor" | "Judge" | "Justice" | "Coach" | "General" | "Gen"
            | "Lt" | "Col" | "Colonel" | "Capt" | "Captain" | "Sgt" | "Sergeant" | "Major"
            | "Admiral" | "Adm" | "Prof" | "Professor" | "Minister" | "Secretary" | "Chancellor"
            | "Premier" | "Ambassador" | "King" | "Queen" | "Prince" | "Princess" | "Pope"
            | "Cardinal" | "Bishop" | "Archbishop" | "Rabbi" | "Imam" | "Sheikh" | "Father"
            | "Rev" | "Reverend" | "Chairman" | "Chairwoman" | "Officer" | "Detective"
            | "Inspector" | "Commissioner" | "Speaker" | "Spokesman" | "Spokeswoman"
            | "Messrs" | "Brother" | "Sister" | "Uncle" | "Aunt" | "Jr" | "Saint" | "Emir"
            | "Sultan" | "Ayatollah" | "Mullah" | "Marshal" | "Brig" | "Maj" | "Cpl" | "Pvt"
    )
}

/// Capitalised words that may precede a place without being part of its name: sentence-initial
/// function words, days and months.
pub fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "The" | "In" | "At" | "On" | "From" | "To" | "For" | "By" | "With" | "And" | "But" | "Or"
            | "A" | "An" | "As" | "If" | "When" | "Where" | "While" | "After" | "Before" | "Since"
            | "During" | "Near" | "Outside" | "Inside" | "Across" | "Throughout" | "Both"
            | "Like" | "Unlike" | "Only" | "Even" | "Although" | "Though" | "Despite" | "Because"
            | "Of" | "Into" | "Over" | "Under" | "Through" | "Via" | "Between" | "Among"
            | "Around" | "Against" | "Toward" | "Towards" | "Meanwhile" | "Also" | "Elsewhere"
            | "Here" | "There" | "Then" | "Now" | "Last" | "Next" | "Every" | "All" | "Some"
            | "Many" | "Most" | "This" | "That" | "These" | "Those" | "Which" | "What" | "Why"
            | "How" | "Who" | "Earlier" | "Later" | "Yesterday" | "Today" | "Tomorrow" | "Not"
            | "Neither" | "Nor" | "Either" | "So" | "Than" | "Beyond" | "Until" | "Within"
            | "Without" | "Along" | "Beside" | "Besides" | "Including" | "Excluding" | "Unless"
            | "Whether" | "Once" | "Whereas" | "Upon" | "Per" | "Our" | "Their" | "His" | "Her"
            | "Its" | "My" | "Your" | "We" | "They" | "It" | "He" | "She" | "I" | "You" | "Is"
            | "Are" | "Was" | "Were" | "Will" | "Would" | "Could" | "Should" | "May" | "Might"
            | "Can" | "Did" | "Does" | "Do" | "Has" | "Have" | "Had" | "Be" | "Being" | "Been"
            | "Said" | "Says" | "Say" | "Told" | "Asked" | "Added" | "Visit" | "Visiting"
            | "Former" | "Ex" | "Top" | "Rival" | "Rivals" | "Neighbouring" | "Neighboring"
            | "Host" | "Hosts" | "Holders" | "Champions" | "Defending" | "Reigning" | "Second"
            | "Third" | "First" | "Fourth" | "Fifth" | "Bottom" | "Leaders" | "Troubled"
            | "Tiny" | "Oil-rich" | "Impoverished" | "Landlocked" | "Mainly" | "Predominantly"
    ) || is_calendar_word(word)
}

/// Days and months (`Monday`, `Feb`).
pub fn is_calendar_word(word: &str) -> bool {
    matches!(
        word,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
            | "January" | "February" | "March" | "April" | "May" | "June" | "July" | "August"
            | "September" | "October" | "November" | "December" | "Jan" | "Feb" | "Mar"
            | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov" | "Dec"
    )
}

/// Direction and size words that make a larger or smaller place of a place
/// (`Southern California`, `Greater London`, `North Caucasus`).
pub fn is_direction(word: &str) -> bool {
    matches!(
        word,
        "North" | "South" | "East" | "West" | "Northern" | "Southern" | "Eastern" | "Western"
            | "Central" | "Upper" | "Lower" | "Greater" | "Inner" | "Outer" | "Northeast"
            | "Northwest" | "Southeast" | "Southwest" | "Northeastern" | "Northwestern"
            | "Southeastern" | "Southwestern" | "Mid" | "Middle" | "Metropolitan" | "Mainland"
    )
}

/// Capitalised nouns after a name that make it a place (`Jordan River`, `Tiananmen Square`).
pub fn is_place_noun(word: &str) -> bool {
    matches!(
        word,
        "River" | "Sea" | "Ocean" | "Valley" | "Province" | "Region" | "Island" | "Islands"
            | "Mountains" | "Mountain" | "Mount" | "Hills" | "Heights" | "Airport" | "Stadium"
            | "Street" | "Square" | "Bridge" | "Bay" | "Strait" | "Straits" | "Peninsula"
            | "Desert" | "Basin" | "Canal" | "Coast" | "Delta" | "Falls" | "County" | "Lake"
            | "Harbour" | "Harbor" | "Plain" | "Plateau" | "Gorge" | "Pass" | "Road"
            | "Avenue" | "Boulevard" | "Prefecture" | "Oblast" | "Governorate" | "Territory"
            | "Territories" | "Highlands" | "Lowlands" | "Glacier" | "Reservoir" | "Dam"
            | "Corridor" | "Highway" | "Motorway" | "Park" | "Gardens" | "Arena" | "Circuit"
            | "Racecourse" | "Port"
    )
}

/// Lower-case nouns that say the name before them is a place (`Hakkari province`).
pub fn is_place_noun_lower(word: &str) -> bool {
    matches!(
        word,
        "province" | "region" | "district" | "county" | "governorate" | "prefecture" | "oblast"
            | "valley" | "river" | "airport" | "municipality" | "canton" | "township"
    )
}

/// Lower-case nouns of settlements and areas in frames like `the city of X`, `the Turkish port
/// of X`, `the Chechen capital Grozny`.
pub fn is_settlement_noun(word: &str) -> bool {
    matches!(
        word,
        "city" | "town" | "village" | "capital" | "port" | "region" | "province" | "district"
            | "state" | "island" | "islands" | "resort" | "enclave" | "suburb" | "municipality"
            | "county" | "republic" | "hamlet" | "settlement" | "camp" | "stronghold" | "border"
            | "outpost" | "area" | "towns" | "villages" | "cities" | "oasis" | "spa" | "seaport"
            | "township" | "territory" | "neighbourhood" | "neighborhood"
            | "quarter" | "harbour" | "harbor" | "base" | "kingdom" | "emirate" | "archipelago"
            | "peninsula" | "valley" | "mountains" | "river" | "airport" | "canton"
    )
}

/// Heads of organisation names built as `X of <place>` (`Bank of England`, `University of
/// London`): the place there is part of the organisation's name.
pub fn is_organisation_head(word: &str) -> bool {
    matches!(
        word,
        "Bank" | "University" | "College" | "Institute" | "Ministry" | "Department" | "Council"
            | "Church" | "Museum" | "Academy" | "Federation" | "Association" | "Union"
            | "League" | "Chamber" | "Society" | "Court" | "Commission" | "Party" | "Club"
            | "Corporation" | "Company" | "Board" | "Office" | "Agency" | "Authority"
            | "Exchange" | "School" | "Order" | "Diocese" | "Archdiocese" | "Fund"
            | "Foundation" | "Trust" | "Government" | "Embassy" | "Consulate" | "Orchestra"
            | "Opera" | "Symphony" | "Theatre" | "Theater" | "Times" | "Post" | "Journal"
            | "Bishop" | "Archbishop" | "Duke" | "Duchess" | "Earl" | "Prince" | "Princess"
            | "Friends" | "Sisters" | "Brothers" | "Congress" | "Parliament" | "Assembly"
            | "Senate" | "Republic" | "Port" | "Bancorp" | "Guard" | "Police" | "Army" | "Navy"
    )
}

/// Words after a country's name that make it part of an organisation's or event's name
/// (`Japan Airlines`, `China Daily`, `U.S. Open`); other capitalised words leave a country a
/// place (`U.S. Senate`, `U.S. Federal Bureau of Investigation`).
pub fn is_organisation_tail(word: &str) -> bool {
    matches!(
        word,
        "Airlines" | "Airways" | "Air" | "Telecom" | "Telecommunications" | "Daily" | "Open"
            | "Cup" | "Times" | "Post" | "Masters" | "Grand" | "Championship" | "Championships"
            | "Games" | "Inc" | "Corp" | "Ltd" | "Co" | "Group" | "Holdings" | "Mail" | "Herald"
            | "Today" | "Journal" | "Television" | "TV" | "Radio" | "Network" | "Motors" | "Steel"
            | "Petroleum" | "Electric" | "Power" | "Foods" | "Tobacco" | "Fund" | "Index"
            | "Stock" | "Exchange" | "United" | "Rovers" | "Football" | "Soccer" | "Rugby"
            | "Cricket" | "Tribune" | "Press" | "News" | "Life" | "Insurance" | "Trust"
            | "Partners" | "Capital" | "Securities" | "Bancorp" | "Financial" | "Investments"
            | "Industries" | "Railways" | "Railway" | "Shipping" | "Line" | "Lines" | "Express"
            | "Post's" | "Party" | "Front" | "Movement" | "Congress" | "Council" | "Classic"
            | "Challenge" | "Trophy" | "Rally" | "Tour" | "Series" | "Prix" | "Marathon" | "Day"
    )
}

/// Words after a place that leave it a place: roles (`U.S. President`, `Moscow Mayor`).
pub fn is_role_word(word: &str) -> bool {
    matches!(
        word,
        "President" | "Vice" | "Prime" | "Premier" | "Foreign" | "Defence" | "Defense"
            | "Finance" | "Economy" | "Trade" | "Interior" | "Deputy" | "Minister" | "Ministers"
            | "Secretary" | "Ambassador" | "Envoy" | "Senator" | "Senators" | "Governor"
            | "Consul" | "Attorney" | "Chancellor" | "Mayor" | "Treasury" | "Agriculture"
            | "Energy" | "Health" | "Labor" | "Labour" | "Transport" | "Education"
            | "Environment" | "Industry" | "Commerce" | "Chief" | "Commander" | "Foreign-Minister"
            | "Embassy" | "Consulate" | "Ambassadors" | "Defence-Minister"
    )
}

/// Lower-case words after which a capitalised name is a location (`in Hove`, `near Sikhin`).
pub fn is_locative(word: &str) -> bool {
    matches!(
        word,
        "in" | "at" | "near" | "from" | "to" | "into" | "outside" | "inside" | "across"
            | "around" | "toward" | "towards" | "via" | "through" | "throughout" | "between"
            | "visit" | "visited" | "visiting" | "left" | "reached" | "entered" | "off"
            | "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast"
            | "southwest" | "northern" | "southern" | "eastern" | "western" | "central"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_do_not_overlap_where_it_matters() {
        for w in ["President", "Mr", "King"] {
            assert!(is_title(w) && !is_function_word(w) && !is_direction(w));
        }
        assert!(is_direction("Southern") && !is_title("Southern"));
        assert!(is_place_noun("River") && is_organisation_head("Bank"));
        assert!(is_locative("in") && !is_locative("said"));
        assert!(is_calendar_word("Feb") && is_function_word("Monday"));
    }
}
