//! Groups are not held together by an incidental link: a broad concept or a word that
//! means something else in its phrase, where the ideas mean different things (the
//! sentences are written for these tests; the first two are the issue's own complaints).

use super::helpers::encoded_group_of_each as batch_groups;

#[test]
fn cake_on_a_birthday_does_not_join_the_referral_ideas() {
    for board in [
        [
            "Bringing cake for the drivers on their birthday",
            "Referring friends for our vacancies",
            "Tell friends about open vacancies",
        ],
        [
            "Taart meenemen als een collega jarig is",
            "Vrienden wijzen op onze vacatures",
            "Vacatures doorsturen naar vrienden",
        ],
    ] {
        let of = batch_groups(&board);
        assert_eq!(of[1], of[2], "the referral ideas group: {board:?}");
        assert_ne!(of[0], of[1], "{board:?}");
    }
}

#[test]
fn a_guest_lecture_and_warehouse_visitors_are_not_customer_ideas() {
    let board = [
        "Giving a guest lecture at a school",
        "Show visitors around the warehouse",
        "Help customers quickly when they call",
        "Always be friendly to customers at the door",
        "Een gastles geven op een school",
        "Bezoekers rondleiden in het magazijn",
        "Klanten snel helpen aan de telefoon",
        "Altijd vriendelijk zijn tegen klanten",
    ];
    let of = batch_groups(&board);
    let customers = of[2];
    assert!(
        [3, 6, 7].iter().all(|&i| of[i] == customers),
        "the customer ideas group: {of:?}"
    );
    for i in [0, 1, 4, 5] {
        assert_ne!(of[i], customers, "“{}” among the customers", board[i]);
    }
}
