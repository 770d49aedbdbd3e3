"""Typing: for each of ACLED's 25 sub-event types, sentences that must be typed as it and near-misses
that must not be.

The sentences are written for these tests in the style of wire copy. Each one is checked on its own
(parametrised), and the lexicon is also judged as a whole: ``test_overall_typing_accuracy`` asserts a
floor and, run with ``-s``, prints the accuracy per sub-type and every sentence it gets wrong.
"""

from __future__ import annotations

import pytest

from eventdesk.extract.events import EventFinder
from eventdesk.extract.segment import segment
from eventdesk.extract.taxonomy import SUB_EVENT_TYPES
from eventdesk.settings import Settings

ACCURACY_FLOOR = 0.85

# sub-event type -> (sentences reporting it, near-misses that must not be typed as it)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "Armed clash": (
        [
            "Heavy fighting broke out between the army and Tigrayan forces near the town of Alamata on Sunday.",
            "Soldiers clashed with Islamist militants in Borno state, leaving at least 12 fighters dead.",
            "Two police officers were wounded in a gun battle with suspected gang members in Port-au-Prince.",
            "Militants ambushed an army convoy in the Tillaberi region of Niger, killing nine soldiers.",
            "Government troops and rebels exchanged fire for several hours outside Goma, residents said.",
            "Insurgents attacked a military base in Cabo Delgado overnight, sparking a firefight that lasted hours.",
            "Clashes between Fulani militiamen and the army left 15 dead in Mopti region.",
            "Kurdish fighters and Turkish-backed factions battled for control of the road overnight.",
            "A shootout between police and drug traffickers in Rio's Alemao complex left four dead.",
            "Fierce fighting between Azerbaijanis and Armenians erupted in the enclave overnight.",
            "Government soldiers and fighters of the Ambazonia Defence Forces exchanged gunfire in Batibo.",
            "Two Colombian soldiers were killed in a confrontation with ELN guerrillas in Arauca.",
            "Fighters from the two rival militias fought for hours in the streets of Tripoli.",
            # "March 9" is a date, not a march: no protest context.
            "At least 10 soldiers were killed in clashes with fighters near Gao on March 9, sources said.",
        ],
        [
            "Lawmakers clashed over the budget in a stormy parliamentary session in Nairobi.",
            "The two candidates clashed on television over inflation and crime.",
            "The army did not clash with protesters, a spokesman said.",
            "Rebels threatened to attack the capital if talks failed.",
            "The government says it is fighting corruption in the police force.",
            "The two leaders clashed over trade policy at the summit.",
            "Supporters of the two football clubs clashed outside the stadium.",
        ],
    ),
    "Government regains territory": (
        [
            "The army said it had wrested the mining town back from rebel control on Friday.",
            "The Iraqi army recaptured the town of Tal Afar from Islamic State militants on Thursday.",
            "Government forces retook the strategic village of Mayo after two days of fighting.",
            "Ukrainian troops regained control of several villages east of Kharkiv, the military said.",
            "Somali soldiers backed by African Union troops liberated the town of Bulo Marer from al-Shabaab.",
            "Syrian government troops took back the last rebel-held district of Deraa.",
            "The Congolese army said it had recaptured Kitshanga from M23 rebels.",
            "Ethiopian federal forces retook the town of Shire on Monday.",
            "Burmese troops captured part of a Karen guerrilla stronghold on the Thai border.",
            "Mozambican and Rwandan troops recaptured the port town of Mocimboa da Praia from insurgents.",
        ],
        [
            "Rebels recaptured the town of Kidal from government troops after a week of fighting.",
            "The ruling party regained control of parliament in Sunday's election.",
            "Officials said the army plans to recapture the town before the rainy season.",
            "The army vowed to retake every village held by the insurgents.",
            "A documentary on the liberation of Mosul premiered in Baghdad.",
            "The ruling party recaptured the mayor's office in the runoff.",
            "The party regained control of the senate in the midterms.",
        ],
    ),
    "Non-state actor overtakes territory": (
        [
            "Al-Shabaab militants seized control of the town of Bardale after government troops withdrew.",
            "M23 rebels captured the town of Rubaya in North Kivu on Wednesday, residents said.",
            "Jihadists overran a military outpost in northern Burkina Faso and raised their flag.",
            "The Taliban took control of the provincial capital of Kunduz on Sunday.",
            "The border town fell to Houthi fighters after heavy fighting overnight.",
            "JNIM fighters seized the town of Boni after soldiers fled.",
            "Houthi rebels captured the district of Harib after days of fighting.",
            "Arakan Army fighters took control of the town of Paletwa after the junta's troops retreated.",
        ],
        [
            "The opposition took control of the senate after a string of by-election wins.",
            "The army recaptured the town from the rebels on Tuesday.",
            "Analysts fear the militants could seize control of the highway within weeks.",
            "A private equity firm took control of the company in a $2 billion deal.",
            "The rebels failed to capture the city of Marib despite weeks of assaults.",
            "The Conservatives took control of the council after the local elections.",
        ],
    ),
    "Chemical weapon": (
        [
            "Dozens of people suffered choking symptoms after a chlorine gas attack on the town of Douma.",
            "Inspectors say sarin was used in the attack that killed more than 80 people in Khan Sheikhoun.",
            "Residents reported a chemical attack on the village, with victims foaming at the mouth.",
            "Helicopters dropped barrels filled with chlorine on rebel-held neighbourhoods, activists said.",
            "The strike used a nerve agent that killed 14 people, according to doctors at the scene.",
            "Activists accused government forces of using chlorine gas in an attack on Saraqeb that sickened 11.",
            "A toxic gas attack on a girls' school in Takhar poisoned dozens of pupils.",
            "Doctors treated dozens of patients for exposure to chlorine after the attack on the village.",
        ],
        [
            "Police fired tear gas to disperse crowds outside the parliament in Tbilisi.",
            "The chemical weapons convention entered into force in 1997.",
            "A chlorine leak at a water treatment plant forced the evacuation of 200 homes.",
            "The government completed the destruction of its chemical weapons stockpile.",
            "A gas explosion at a restaurant in Kyiv injured four people.",
            "Police used tear gas on stone-throwing youths in Srinagar.",
        ],
    ),
    "Air/drone strike": (
        [
            "A US drone strike killed two al-Shabaab commanders near Jilib, the military said.",
            "Saudi-led coalition airstrikes hit a market in Saada province, killing at least 10 people.",
            "Russian warplanes bombed rebel positions in Idlib overnight, monitors said.",
            "Israeli air raids struck several buildings in Gaza City early on Tuesday.",
            "The military said its aircraft struck a convoy of militants in Tillaberi.",
            "An air strike on a camp for displaced people killed 11 civilians in Myanmar's Sagaing region.",
            "Turkish drones struck a vehicle near Qamishli, killing two SDF members.",
            "Sudanese army warplanes bombed RSF positions in Khartoum North on Sunday.",
            "A Pakistani airstrike on a village in Paktika killed eight people, Taliban officials said.",
            "An Israeli strike on a house in Rafah killed 12 people, medics said, as warplanes pounded the area.",
            "Ethiopian drone strikes killed dozens of people in the Amhara region this week.",
            "Coalition jets carried out 14 raids on Houthi-held Hodeidah overnight, residents said.",
        ],
        [
            "Teachers went on strike across Kenya over unpaid salaries.",
            "The two parties struck a deal to form a coalition government.",
            "The air force denied carrying out the airstrike on the village.",
            "The minister warned that the army could launch airstrikes if the rebels advance.",
            "Pakistan unveiled a new strike aircraft at an air show in Karachi.",
            "Bus drivers in London will strike next week over pay.",
            "The minister said Israel had not carried out any air strikes in Syria this month.",
            "The union warned of a strike at the airport if talks fail.",
        ],
    ),
    "Suicide bomb": (
        [
            "A teenager detonated an explosive belt at the entrance of a crowded mosque.",
            "A suicide bomber blew himself up at a mosque in Peshawar, killing 32 worshippers.",
            "A suicide car bomb exploded outside a hotel in Mogadishu, police said.",
            "Two female suicide bombers detonated their explosive vests at a market in Maiduguri.",
            "The suicide attack on the army checkpoint killed five soldiers, officials said.",
            "An attacker wearing an explosives-laden vest blew himself up among mourners in Kabul.",
            "A suicide bomber targeted a police convoy in Quetta, killing three officers.",
            "Al-Shabaab claimed the suicide car bombing at the Mogadishu checkpoint.",
            "A suicide attacker rammed an explosives-packed car into an army base in Mogadishu.",
        ],
        [
            "Police recovered an explosive belt from the suspect's flat.",
            "Police shot dead a would-be suicide bomber before he could reach the checkpoint.",
            "Security forces foiled a suicide attack on the airport in Kano.",
            "A roadside bomb struck a police vehicle in Kandahar.",
            "The film about the suicide bombing in Colombo won a prize in Venice.",
            "Suicide rates among veterans have risen sharply, a report found.",
            "Police arrested a man suspected of planning a suicide attack on a church.",
            "The report examines why young men become suicide bombers.",
        ],
    ),
    "Shelling/artillery/missile attack": (
        [
            "Heavy artillery pounded the eastern suburbs overnight, residents said.",
            "Militants launched rockets at an army base near the border overnight, wounding two soldiers.",
            "Russian forces shelled residential areas of Kherson, killing two people.",
            "A rocket attack on the Green Zone in Baghdad damaged a building near the US embassy.",
            "Mortar rounds landed near a school in Mogadishu, wounding three children.",
            "Houthi rebels fired ballistic missiles at the Saudi city of Jazan on Saturday.",
            "Artillery fire pounded villages along the line of contact overnight.",
            "Rockets fired from southern Lebanon hit an open field near Kiryat Shmona.",
            "Israeli artillery shelled villages in south Lebanon after rocket fire from Hezbollah.",
            "A Russian missile strike on Odesa damaged port infrastructure overnight.",
            "Mortar shells hit a crowded market in Khartoum, killing 19 people.",
            "Ukrainian shelling of Donetsk killed three civilians on Sunday, Russian-installed officials said.",
            "A barrage of rockets fired from Gaza hit the town of Sderot.",
            "Azerbaijani forces shelled Stepanakert throughout the night, Armenian officials said.",
        ],
        [
            "North Korea test-fired a ballistic missile into the sea.",
            "The company launched a rocket carrying two satellites into orbit.",
            "Air defences intercepted two missiles fired at the capital, the military said.",
            "Shell said its profits fell sharply in the third quarter.",
            "Fireworks lit up the sky over Sydney Harbour at midnight.",
            "Iran tested a new cruise missile, state media reported.",
            "The rocket carrying a weather satellite lifted off from Baikonur.",
        ],
    ),
    "Remote explosive/landmine/IED": (
        [
            "A roadside bomb struck a military vehicle in Helmand, killing three soldiers.",
            "Two children were killed when a landmine exploded near their village in Kayin state.",
            "A car bomb went off outside a police station in Diyarbakir, wounding seven people.",
            "An improvised explosive device killed four soldiers on patrol near Gao.",
            "A bomb blast at a bus terminal in Quetta killed 10 people, police said.",
            "A truck carrying aid workers hit a landmine on the road to Mopti.",
            "Five soldiers died when their vehicle struck an IED in the Gourma region.",
            "A bomb planted on a motorbike exploded near a bus station in Mogadishu.",
            "Guerrillas blew up three power lines leading into Kabul last month.",
            "An explosion caused by an improvised device killed two policemen in Balochistan.",
            "Three children were killed when unexploded ordnance they were playing with exploded in Idlib.",
        ],
        [
            "Army sappers defused a roadside bomb found near the bridge.",
            "A gas cylinder exploded in a restaurant kitchen in Lahore, injuring five.",
            "A suicide bomber blew himself up at a checkpoint in Kabul.",
            "Demining teams cleared 300 landmines from farmland near Kharkiv this year.",
            "Police said the bomb scare at the airport was a hoax.",
            "A gas explosion in an apartment block in Moscow killed three people.",
            "Police said the explosion at the chemical plant was an accident.",
        ],
    ),
    "Grenade": (
        [
            "Unknown assailants hurled a grenade into a crowded bar in Bujumbura, wounding 12 people.",
            "A grenade attack on a police post in Srinagar injured two officers.",
            "Militants lobbed a grenade at a security patrol in Pulwama, police said.",
            "Two people were killed when a hand grenade exploded at a market in Mogadishu.",
            "A man threw a grenade at a church service in Garissa, killing one woman.",
            "Attackers threw a grenade at a bus stop in Nairobi, injuring six.",
            "A grenade blast at a tea shop in Manipur wounded three people.",
            "Assailants tossed a grenade into a nightclub in Juba, wounding nine people.",
        ],
        [
            "Police fired stun grenades to disperse protesters in Nairobi.",
            "Soldiers seized rifles and grenades from a weapons cache in the forest.",
            "Rebels fired rocket-propelled grenades at the army convoy during the battle.",
            "Police recovered two grenades from the suspect's house.",
            "The smuggling ring was caught with grenades hidden in a lorry.",
        ],
    ),
    "Sexual violence": (
        [
            "Soldiers raped at least 20 women during a raid on the village, a UN report found.",
            "Armed men sexually assaulted two girls on their way to school in Ituri.",
            "Survivors said militiamen gang-raped women at a displacement camp near Bunia.",
            "A policeman was accused of raping a detainee at a station in Kampala.",
            "Rebel fighters subjected women to sexual violence as they fled the town.",
            "UN investigators said RSF fighters raped women and girls in El Geneina.",
            "Two soldiers were accused of sexually assaulting a teenager at a checkpoint in Bangui.",
            "Human Rights Watch said soldiers raped at least 15 women during the operation in Tigray.",
        ],
        [
            "Parliament passed a law toughening penalties for sexual violence.",
            "A conference on sexual violence in conflict opened in London.",
            "Gunmen abducted 15 women from a village in Zamfara.",
            "Farmers harvested a record rapeseed crop this year.",
            "The court sentenced the former commander for rape committed in 2003.",
            "Campaigners urged parliament to pass a law against sexual violence.",
        ],
    ),
    "Attack": (
        [
            "Gunmen killed 23 villagers in an attack in Plateau state, police said.",
            "Militiamen massacred dozens of civilians in Djugu territory, the UN said.",
            "Bandits stormed a village in Zamfara and shot dead 14 farmers.",
            "Unidentified attackers hacked to death a family of five in Beni.",
            "A journalist was shot dead by gunmen outside his home in Culiacan.",
            "Jihadists attacked a wedding party in Tillaberi, killing 12 guests.",
            "Armed men shot dead a village chief and his two sons in Kasai.",
            "ADF rebels killed 40 civilians with machetes in a night raid near Oicha.",
            "Security forces in Guinea tortured scores of refugees, a rights group said.",
            "Gunmen on motorcycles killed 11 worshippers at a mosque in Niger's Tahoua region.",
            "Suspected jihadists executed 12 villagers accused of collaborating with the army in Burkina Faso.",
        ],
        [
            "Floods killed 40 villagers in the delta, officials said.",
            "Gunmen attacked a police station in Zamfara, sparking a gun battle.",
            "A memorial was unveiled on the anniversary of the massacre in Srebrenica.",
            "An airstrike killed seven civilians in Idlib.",
            "A bus crash killed 12 passengers on the highway to Kampala.",
            "The film recounts the massacre at My Lai.",
            "Five people were killed in a road accident near Kano.",
            "The minister attacked the opposition's record on security.",
        ],
    ),
    "Abduction/forced disappearance": (
        [
            "Gunmen kidnapped 30 students from a school in Kaduna state, police said.",
            "Militants abducted two aid workers near Mopti on Monday.",
            "Rights groups say security forces forcibly disappeared at least 40 activists in Balochistan.",
            "Al-Shabaab fighters took three teachers hostage in Mandera county.",
            "Armed men seized 12 passengers from a bus on the Abuja-Kaduna road.",
            "Rebels detained a journalist at a checkpoint outside Bamenda.",
            "Bandits abducted more than 100 villagers in Zamfara on Saturday.",
            "Gunmen kidnapped a Catholic priest on the road to Enugu.",
            "Armed men abducted a French tourist near the border with Burkina Faso.",
            "A prominent activist was abducted by unidentified men in Karachi and has not been seen since.",
        ],
        [
            "The kidnapped students were freed after two weeks in captivity.",
            "Police arrested five suspects over the killing of a trader in Lagos.",
            "The court heard the kidnapping case against the former governor.",
            "Parents said they feared gunmen could abduct their children.",
            "The hostages were released after a ransom was paid.",
            "The three kidnapped aid workers were released on Friday.",
            "The film tells the story of a girl abducted in 1970s Argentina.",
        ],
    ),
    "Peaceful protest": (
        [
            "Hundreds of nurses protested on Monday outside the health ministry over unpaid wages.",
            "Angry lorry drivers blocked the main highway into the capital to demand cheaper diesel.",
            "Dock workers downed tools at the port on Monday over unpaid wages.",
            "Thousands of protesters marched through central Bogota to demand pension reform.",
            "Hundreds of farmers staged a sit-in outside the parliament in New Delhi.",
            "Doctors went on strike across Nigeria over unpaid salaries.",
            "Demonstrators rallied peacefully in Yerevan against the peace deal.",
            "Opposition supporters held a vigil outside the prison in Minsk where the activist is held.",
            "Students took to the streets of Dhaka to protest the job quota system.",
            "Thousands of teachers protested outside the education ministry in Buenos Aires.",
            "Farmers blocked highways with tractors in a peaceful protest against fuel prices in Paris.",
            "Hundreds of women marched in Kabul to demand the right to work.",
            "Nurses across Kenya began a nationwide strike over unpaid allowances.",
            "Tens of thousands rallied in Tel Aviv against the government's judicial overhaul.",
        ],
        [
            "A landslide blocked the highway into the mountain town for two days.",
            "The foreign ministry lodged a formal protest with the Chinese ambassador.",
            "Stocks rallied in Tokyo after the central bank held rates.",
            "Police fired tear gas to disperse protesters in Harare.",
            "The opposition called for protests next week.",
            "Security forces opened fire on protesters in Khartoum, killing three.",
            "Share prices rallied after the peace deal was signed.",
            "The US lodged a protest with Beijing over the balloon.",
            "Oil prices rallied on hopes of a supply cut.",
        ],
    ),
    "Protest with intervention": (
        [
            "Police fired tear gas to disperse protesters in Harare on Wednesday.",
            "Riot police used water cannon against demonstrators in central Tbilisi.",
            "Security forces arrested dozens of protesters at an anti-government rally in Dhaka.",
            "Police broke up a march by opposition supporters in Kampala.",
            "Officers fired rubber bullets at demonstrators blocking the highway near Santiago.",
            "Police used tear gas on opposition supporters gathered outside the electoral commission in Lusaka.",
            "Riot police detained dozens of demonstrators at a rally in Belgrade.",
            "Police in Lagos fired tear gas at protesters demanding an end to police brutality.",
            "Police fired water cannon to break up a protest by farmers in Brussels.",
            "Police lathi-charged students protesting against the fee hike in Patna.",
            "Police dispersed hundreds of protesters outside the parliament in Nairobi.",
        ],
        [
            "The government cracked down on opposition newspapers after the unrest of last March.",
            "The demonstrators gathered outside parliament in Nairobi before dispersing in the evening.",
            "Thousands of protesters marched peacefully through Lisbon.",
            "Security forces opened fire on protesters in Mandalay, killing seven.",
            "Police arrested two suspects over a bank robbery in Accra.",
            "Police dispersed the crowd at the football stadium after the match ended.",
            "Protesters threw stones at police and set fire to tyres in Dakar.",
            "Police lathi-charged a mob that was looting shops in Vadodara.",
        ],
    ),
    "Excessive force against protesters": (
        [
            "Security forces opened fire on protesters in Khartoum, killing three people.",
            "Soldiers shot dead at least seven demonstrators in Mandalay, witnesses said.",
            "Police used live ammunition against protesters in Nairobi, killing two.",
            "At least 12 protesters were killed when troops fired into the crowd in Conakry.",
            "Police fired live rounds on the crowd of demonstrators outside the governor's office.",
            "Security forces killed five protesters during demonstrations in Conakry.",
            "Troops opened fire on demonstrators in Mandalay, killing a 19-year-old woman.",
            "Iranian security forces shot dead four protesters in Zahedan, rights groups said.",
        ],
        [
            "Police fired tear gas at protesters in Lima.",
            "Gunmen opened fire on a market in Kaduna, killing five traders.",
            "Protesters marched through the capital demanding justice for the victims.",
            "Soldiers held a live-fire drill near the border.",
            "A film about the massacre of protesters in 1989 was banned.",
        ],
    ),
    "Violent demonstration": (
        [
            "Protesters threw stones at police and set fire to tyres in Dakar.",
            "Rioters torched cars and looted shops in Johannesburg on Monday.",
            "Demonstrators clashed with police in Santiago after the vote.",
            "Angry youths hurled petrol bombs at a police station in Belfast.",
            "Students pelted security forces with stones in Srinagar.",
            "Protesters set fire to the parliament building in Kathmandu.",
            "Demonstrators hurled rocks at police and torched a bus in Nairobi.",
            "Rioters set fire to a police station in Dhaka after the death of a student.",
            "Demonstrators torched tyres and threw rocks at soldiers in Port-au-Prince.",
        ],
        [
            "Riot police stood guard outside the parliament.",
            "Thousands of protesters marched peacefully in Warsaw.",
            "A mob lynched a suspected thief in Port Harcourt.",
            "The garden was a riot of colour in spring.",
            "Rebels clashed with the army near Bambari.",
            "Riot police were deployed ahead of the march in Paris.",
            "Riot police were on standby in the capital.",
        ],
    ),
    "Mob violence": (
        [
            "An angry mob lynched a man suspected of stealing a motorcycle in Kano.",
            "A mob attacked and burned a church in Jaranwala over blasphemy claims.",
            "Villagers beat to death two men suspected of witchcraft in Kisii.",
            "Mob justice claimed the lives of three suspected robbers in Kampala.",
            "Vigilantes beat a suspected cattle thief to death in Dodoma.",
            "A mob beat to death a man accused of blasphemy in Sialkot.",
            "Residents lynched two suspected kidnappers in Puebla state.",
            "An angry mob set fire to two men accused of theft in Haiti's capital.",
            "A crowd lynched a man accused of stealing a phone in Kinshasa.",
            "Police fired in the air and lathi-charged a mob that had torched shops in Ahmedabad.",
        ],
        [
            "A flash mob danced in the main square of Madrid.",
            "The film depicts a lynching in 1930s Mississippi.",
            "Protesters threw stones at police in Dhaka.",
            "The mob boss was sentenced to life in prison.",
            "Gunmen killed 10 villagers in a night raid in Benue.",
            "The mob boss was extradited to Italy.",
        ],
    ),
    "Agreement": (
        [
            "The government and the rebels signed a ceasefire agreement in Addis Ababa.",
            "The warring parties agreed to a 72-hour truce, mediators said.",
            "Russia and Ukraine completed a prisoner exchange involving 100 soldiers each.",
            "The two factions signed a peace deal in Juba on Friday.",
            "A ceasefire brokered by Qatar took effect at midnight.",
            "Sudan's army and the RSF signed a humanitarian truce in Jeddah.",
            "Armenia and Azerbaijan exchanged prisoners in a deal brokered by the EU.",
            "The government and the ELN signed a six-month ceasefire agreement in Havana.",
            "Israel and Hamas agreed to a four-day truce and an exchange of hostages for prisoners.",
        ],
        [
            "The airline signed a deal to buy 50 planes.",
            "The rebels violated the ceasefire agreement within hours, the army said.",
            "The club agreed a transfer fee for the striker.",
            "Talks on a ceasefire collapsed on Tuesday.",
            "The government said it would sign the peace deal next month.",
            "Microsoft signed a deal to acquire the gaming company.",
            "The two companies signed a deal to build a refinery.",
        ],
    ),
    "Arrests": (
        [
            "Police arrested a senior opposition leader at his home in Kampala.",
            "Security forces detained three journalists in Addis Ababa, a rights group said.",
            "Counter-terrorism police arrested two suspected Islamic State members in Istanbul.",
            "The former minister was taken into custody on corruption charges.",
            "Authorities rounded up dozens of suspected gang members in San Salvador.",
            "Police in Dhaka arrested 30 opposition activists overnight.",
            "Turkish authorities detained a prominent journalist at Istanbul airport.",
            "Pakistani police arrested the former prime minister outside a court in Islamabad.",
            "Ugandan police detained opposition leader Bobi Wine at his home on Monday.",
        ],
        [
            "The court freed the detained journalist on bail on Friday.",
            "A judge issued an arrest warrant for the former president.",
            "The opposition leader was released on bail after two days.",
            "The footballer suffered a cardiac arrest during the match.",
            "Police arrested demonstrators at the protest outside the embassy.",
            "The suspect managed to evade arrest for three years.",
            "Prosecutors asked the court to arrest the former president.",
            "The court ordered the arrest of the former finance minister.",
        ],
    ),
    "Change to group/activity": (
        [
            "Two armed groups in northern Mali merged to form a new coalition.",
            "The militia announced the formation of a new armed wing in Benghazi.",
            "The jihadist group named Abu Hafs as its new leader after the death of its chief.",
            "A faction of the rebel group split from the main movement and pledged allegiance to Islamic State.",
            "Hundreds of fighters laid down their arms and the group disbanded in Ituri.",
            "The rebel alliance announced that it had named a new commander.",
            "Two jihadist factions in Idlib merged into a single group.",
            "The militia split into two rival factions after the death of its leader.",
        ],
        [
            "The two banks merged to form the country's largest lender.",
            "The football club named a new coach on Monday.",
            "The rebel group attacked an army base near Kidal.",
            "Shares in the company rose after the merger was announced.",
            "The militia said it would not disband until elections are held.",
        ],
    ),
    "Disrupted weapons use": (
        [
            "Army engineers defused a roadside bomb planted near a school in Helmand.",
            "Air defences intercepted two missiles fired at Riyadh, the coalition said.",
            "Soldiers seized a large cache of weapons and ammunition in a raid near Tillaberi.",
            "Ukrainian forces shot down 15 drones launched overnight, the air force said.",
            "Police foiled a bomb attack on a church in Lahore.",
            "Israeli air defences intercepted a drone launched from Yemen.",
            "Police found a cache of explosives and detonators in a house in Kano.",
            "Police defused a car bomb parked outside a mosque in Kirkuk.",
            "Soldiers recovered a large quantity of explosives hidden in a truck near Goma.",
        ],
        [
            "Police seized 200 kilograms of cocaine at the port of Guayaquil.",
            "The senate shot down the proposal to raise taxes.",
            "A roadside bomb killed three soldiers in Helmand.",
            "Customs officers found counterfeit goods in the container.",
            "The missile struck an apartment block in Dnipro.",
            "The central bank defused fears of a currency crisis.",
            "The governor defused tensions between the two communities.",
        ],
    ),
    "Headquarters or base established": (
        [
            "Wagner mercenaries set up a base near the town of Menaka.",
            "The militia established a new headquarters in the village of Tarhuna.",
            "Turkish troops built a new military outpost near Idlib.",
            "Al-Shabaab fighters set up a training camp in the forests of Lower Juba.",
            "The rebels moved their headquarters to the border town of Kakuma.",
            "Russian forces set up a new base at the airport in Niamey.",
            "The militia established a command centre in the town hall.",
            "Chinese troops set up a new military outpost on the disputed reef.",
        ],
        [
            "The company opened a new headquarters in Nairobi.",
            "Aid agencies set up a refugee camp near the border.",
            "The army destroyed a rebel base in the forest.",
            "The campaign headquarters were decorated for the rally.",
            "The firm established a customer base in Lagos.",
        ],
    ),
    "Looting/property destruction": (
        [
            "Armed men looted shops and a health centre in Djibo before fleeing.",
            "Militiamen torched dozens of houses in the village of Kilo.",
            "Unknown people vandalised a polling station in Kasai overnight.",
            "Soldiers ransacked the offices of the opposition party in Bangui.",
            "Herders burned crops and granaries in the Dinder area.",
            "Soldiers looted homes and shops after taking the town.",
            "Unknown assailants burned down a school in the Northwest region of Cameroon.",
            "Looters ransacked warehouses belonging to the World Food Programme in Khartoum.",
            "Fighters looted the central market and burned dozens of shops in El Fasher.",
        ],
        [
            "A wildfire destroyed 300 homes in northern California.",
            "The museum returned looted artefacts to Benin.",
            "An electrical fault set fire to shops in the market, firefighters said.",
            "Gunmen killed 12 villagers and torched houses in Benue.",
            "The earthquake destroyed buildings across the region.",
            "Storms destroyed hundreds of homes along the coast of Mozambique.",
            "The hurricane destroyed hundreds of homes in Florida.",
        ],
    ),
    "Non-violent transfer of territory": (
        [
            "About 300 rebels surrendered to the army in the east last week, a local official said.",
            "Government forces completed their withdrawal from the besieged town on Tuesday.",
            "French troops withdrew from their base in Gao and handed it to the Malian army.",
            "Russian forces pulled out of the town of Kherson without a fight.",
            "The militia handed over control of the airport to government forces.",
            "UN peacekeepers completed the handover of the base in Kidal to Malian troops.",
            "Rebels entered the town without firing a shot after the garrison fled.",
            "The army withdrew from the town of Ber, handing control to local militias.",
            "UN peacekeepers withdrew from the base in Tessalit.",
            "Armenian forces handed over the Kelbajar district to Azerbaijan without a fight.",
        ],
        [
            "The murder suspect surrendered to police in Lagos on Friday.",
            "The candidate withdrew from the presidential race.",
            "The country withdrew from the climate agreement.",
            "Government forces recaptured the town after heavy fighting.",
            "Investors pulled out of the emerging market fund.",
            "The army said it plans to withdraw from the border area next year.",
        ],
    ),
    "Other": (
        [
            "Authorities imposed a curfew in Jos after the clashes.",
            "The government declared a state of emergency in the Amhara region.",
            "The military declared martial law in the province.",
            "The internet was shut down across the Tigray region, residents said.",
            "The army deployed additional troops to the border with Afghanistan.",
            "The junta imposed a nighttime curfew in the capital.",
            "Authorities cut internet access across Manipur.",
            "The government imposed a state of emergency in the Oromia region.",
            "Authorities imposed a 24-hour curfew in Imphal after the violence.",
        ],
        [
            "The government lifted the curfew in Jos after a month.",
            "The president said he may declare a state of emergency.",
            "Hospitals said a state of emergency would strain their budgets.",
            "Soldiers were celebrated at a parade in the capital.",
            "The internet service provider reported record profits.",
        ],
    ),
}


@pytest.fixture(scope="module")
def finder() -> EventFinder:
    return EventFinder(Settings())


def types_in(finder: EventFinder, sentence: str) -> set[str]:
    """Sub-event types of the events the finder reports for one sentence on its own (no other stages)."""
    return {e.sub_event_type for e in finder(segment(sentence), [], [], [], [])}


def _outcomes(finder: EventFinder) -> dict[str, list[tuple[str, bool, bool]]]:
    """Per sub-type: (sentence, is_positive, correct) for every case."""
    outcomes: dict[str, list[tuple[str, bool, bool]]] = {}
    for sub, (positives, negatives) in CASES.items():
        rows = [(s, True, sub in types_in(finder, s)) for s in positives]
        rows += [(s, False, sub not in types_in(finder, s)) for s in negatives]
        outcomes[sub] = rows
    return outcomes


def test_every_sub_type_has_enough_cases() -> None:
    assert set(CASES) == set(SUB_EVENT_TYPES)
    for sub, (positives, negatives) in CASES.items():
        assert len(positives) >= 5 and len(negatives) >= 5, sub


def test_overall_typing_accuracy(finder: EventFinder) -> None:
    outcomes = _outcomes(finder)
    total = sum(len(rows) for rows in outcomes.values())
    correct = sum(ok for rows in outcomes.values() for _, _, ok in rows)
    print(f"\n{'sub-event type':38s} {'pos':>5s} {'neg':>5s} {'acc':>6s}")
    for sub, rows in outcomes.items():
        pos = [ok for _, p, ok in rows if p]
        neg = [ok for _, p, ok in rows if not p]
        acc = sum(ok for _, _, ok in rows) / len(rows)
        print(f"{sub:38s} {sum(pos)}/{len(pos)} {sum(neg)}/{len(neg)} {acc:6.2f}")
        for sentence, positive, ok in rows:
            if not ok:
                print(f"    {'MISSED' if positive else 'WRONG '} {sentence}")
    print(f"overall typing accuracy: {correct}/{total} = {correct / total:.3f}")
    assert correct / total >= ACCURACY_FLOOR
    # No sub-type may be left essentially untyped, whatever the overall figure.
    for sub, rows in outcomes.items():
        assert sum(ok for _, p, ok in rows if p) >= 3, f"{sub}: fewer than 3 of its sentences typed"


_POSITIVES = [(sub, s) for sub, (pos, _) in CASES.items() for s in pos]
_NEGATIVES = [(sub, s) for sub, (_, neg) in CASES.items() for s in neg]


@pytest.mark.parametrize(("sub", "sentence"), _POSITIVES)
def test_sentence_is_typed(finder: EventFinder, sub: str, sentence: str) -> None:
    assert sub in types_in(finder, sentence)


@pytest.mark.parametrize(("sub", "sentence"), _NEGATIVES)
def test_near_miss_is_not_typed(finder: EventFinder, sub: str, sentence: str) -> None:
    assert sub not in types_in(finder, sentence)
