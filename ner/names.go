package ner

import "strings"

// First names that tell a person's gender, in lower case: used to keep a
// short form with a conflicting honorific ("Mrs Reagan") apart from a full
// name ("Ronald Reagan"), and by the quote stage to resolve pronouns. Names
// that are common for both genders (Jean, Andrea, Kim, Robin) are in neither.
var maleFirstNames = set(`john james robert michael william david richard joseph thomas charles christopher daniel
matthew anthony antony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin ben samuel gregory frank alexander raymond patrick jack dennis jerry tyler
aaron jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold keith
christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan
billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell
elijah louis bobby philip johnny bill bernie ted marco jeb chris mike mitch rand newt rudy
reince barack lloyd jens vladimir dmitry dmitri sergei sergey yuri yury alexei alexey aleksandr
mikhail nikolai andrei andriy ivan igor oleg viktor volodymyr dmytro oleksii oleksiy oleksandr
petro rinat boris emmanuel olaf recep xi narendra tony jim tim tom dick harry lindsey lindsay
chuck reid ron rick rob bob steve dan pete marty jay jake luke max sam josh matt nick dave doug
greg jon ken al ed fred herb hank kurt kirk lamar elliott jared corey hunter beau abe lincoln
caspar clayton malcolm nigel gerhard helmut jacques francois edouard karl hans otto carlos luis
manuel jorge pedro miguel antonio francisco fernando alfonso rafael alberto eduardo ricardo
roberto sergio mario giovanni giuseppe giulio bettino ciriaco franco gianni hugo kiichi
yasuhiro noboru satoshi takeshi hiroshi toshio kenji ichiro shintaro rupert conrad norman neil
gordon geoffrey denis leon hubert wolfgang dieter juergen jurgen klaus manfred martin heinz
horst lothar gunter gunther werner rudolf ahmed mohammed muhammad ali hassan hussein abdul
abdullah omar khalid saddam yitzhak shimon ariel menachem ehud leonid eduard anatoly deng li
zhao hu jiang wen zhu derek graham ian iain alastair alistair ernesto raul fidel augusto howard`)

var femaleFirstNames = set(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
debbie stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda
pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
megan cheryl hannah martha jacqueline frances gloria ann anne kathryn alice madison
doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana
brittany natalie isabella charlotte rose alexis kayla hillary jen jill carly condoleezza
madeleine huma chelsea melania ivanka kellyanne hope megyn kate katie liz nikki kamala marsha
kristi tulsi elise ilhan alexandria ayanna rashida ursula kaja annalena marine jacinda nicola
sanna olga irina natalia natalya yulia tatiana svetlana valentina iryna oksana ludmila lyudmila
ekaterina anastasia sheryl wendy dana jane sally claire indira benazir corazon golda imelda
raisa gro edith simone cherie rosalynn jackie eleanor camilla sonia sophie isabel isabelle
claudia monica veronica beatriz ines carmen dolores ingrid birgit heidi renate petra sabine
annie harriet geraldine teresa`)

// FirstNameGender returns the gender a first name tells, or GenderUnknown.
func FirstNameGender(first string) Gender {
	w := strings.ToLower(first)
	switch {
	case maleFirstNames[w]:
		return Male
	case femaleFirstNames[w]:
		return Female
	}
	return GenderUnknown
}

// HonorificGender returns the gender an honorific or royal title tells ("Mrs"
// female, "Mr." male), or GenderUnknown.
func HonorificGender(w string) Gender { return honorificGender(w) }
