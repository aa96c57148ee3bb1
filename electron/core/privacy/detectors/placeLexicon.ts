// Places the location rule knows: countries, states and large or well-known cities. A hand-written
// gazetteer keeps the rule fast; places outside it are found only inside street addresses.

const lines = (list: string): ReadonlySet<string> =>
  new Set(
    list
      .split(/[,\n]/)
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
  );

/** Countries, states, regions and cities, as written in English (and a few local spellings). */
export const places = lines(`
Afghanistan, Albania, Algeria, Argentina, Armenia, Australia, Austria, Azerbaijan, Bahrain, Bangladesh,
Belarus, Belgium, Bolivia, Bosnia, Botswana, Brazil, Bulgaria, Cambodia, Cameroon, Canada, Chile, China,
Colombia, Costa Rica, Croatia, Cuba, Cyprus, Czechia, Czech Republic, Denmark, Ecuador, Egypt, El Salvador,
Estonia, Ethiopia, Finland, France, Germany, Ghana, Greece, Guatemala, Honduras, Hungary, Iceland, India,
Indonesia, Iran, Iraq, Ireland, Israel, Italy, Jamaica, Japan, Kazakhstan, Kenya, Kuwait, Latvia, Lebanon,
Libya, Lithuania, Luxembourg, Madagascar, Malaysia, Malta, Mexico, Moldova, Mongolia, Morocco, Mozambique,
Myanmar, Namibia, Nepal, Netherlands, New Zealand, Nicaragua, Nigeria, North Korea, Norway, Oman, Pakistan,
Panama, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia, Rwanda, Saudi Arabia,
Senegal, Serbia, Singapore, Slovakia, Slovenia, Somalia, South Africa, South Korea, Spain, Sri Lanka, Sudan,
Sweden, Switzerland, Syria, Taiwan, Tanzania, Thailand, Tunisia, Uganda, Ukraine, United Arab Emirates,
United Kingdom, United States, Uruguay, Uzbekistan, Venezuela, Vietnam, Yemen, Zambia, Zimbabwe,
England, Scotland, Wales, Northern Ireland, Bavaria, Catalonia, Andalusia, Brittany, Normandy, Provence,
Tuscany, Sicily, Sardinia, Lombardy, Quebec, Ontario, Alberta, British Columbia, Manitoba, Queensland,
Tasmania, New South Wales, California, Texas, Florida, New York, Illinois, Pennsylvania, Ohio, Michigan,
New Jersey, Massachusetts, Arizona, Tennessee, Indiana, Missouri, Maryland, Wisconsin, Colorado, Minnesota,
South Carolina, North Carolina, Alabama, Louisiana, Kentucky, Oregon, Oklahoma, Connecticut, Utah, Iowa,
Nevada, Arkansas, Mississippi, Kansas, New Mexico, Nebraska, Idaho, Hawaii, New Hampshire, Maine, Montana,
Rhode Island, Delaware, South Dakota, North Dakota, Alaska, Vermont, Wyoming, West Virginia,
London, Paris, Berlin, Madrid, Rome, Lisbon, Dublin, Amsterdam, Rotterdam, Brussels, Antwerp, Vienna,
Prague, Warsaw, Krakow, Kraków, Budapest, Bucharest, Sofia, Athens, Istanbul, Ankara, Moscow, Kyiv, Kiev,
Minsk, Riga, Tallinn, Vilnius, Helsinki, Stockholm, Oslo, Copenhagen, Reykjavik, Zurich, Zürich, Geneva,
Bern, Basel, Lausanne, Munich, München, Hamburg, Frankfurt, Cologne, Köln, Stuttgart, Düsseldorf, Dresden,
Leipzig, Hanover, Hannover, Nuremberg, Nürnberg, Bremen, Lyon, Marseille, Toulouse, Bordeaux, Lille,
Strasbourg, Nantes, Montpellier, Milan, Milano, Naples, Turin, Torino, Venice, Bologna, Genoa, Palermo,
Barcelona, Valencia, Seville, Sevilla, Bilbao, Malaga, Málaga, Zaragoza, Porto, Manchester, Birmingham,
Liverpool, Leeds, Glasgow, Edinburgh, Bristol, Cardiff, Belfast, Sheffield, Newcastle, Nottingham,
Leicester, Southampton, Brighton, Oxford, Cambridge, Utrecht, Eindhoven, The Hague, Ghent, Bruges,
Gothenburg, Malmö, Aarhus, Bergen, Salzburg, Graz, Innsbruck, Ljubljana, Zagreb, Belgrade, Sarajevo,
New York City, Los Angeles, Chicago, San Francisco, San Jose, San Diego, Seattle, Portland, Boston,
Philadelphia, Washington DC, Miami, Atlanta, Denver, Detroit, Minneapolis, Baltimore, Pittsburgh,
Cleveland, Cincinnati, Nashville, Memphis, New Orleans, Las Vegas, Salt Lake City, Sacramento, Oakland,
San Antonio, Fort Worth, Jacksonville, Charlotte, Raleigh, Tampa, Orlando, Kansas City, St Louis,
Milwaukee, Indianapolis, Columbus, Albuquerque, Tucson, Honolulu, Anchorage, Brooklyn, Manhattan, Queens,
Toronto, Montreal, Montréal, Vancouver, Calgary, Ottawa, Edmonton, Winnipeg, Halifax, Mexico City,
Guadalajara, Monterrey, Havana, Bogotá, Bogota, Medellín, Medellin, Lima, Quito, Caracas, Santiago,
Buenos Aires, Montevideo, São Paulo, Sao Paulo, Rio de Janeiro, Brasília, Brasilia, Salvador, Recife,
Porto Alegre, Belo Horizonte, Curitiba, Tokyo, Osaka, Kyoto, Yokohama, Nagoya, Sapporo, Fukuoka, Kobe,
Seoul, Busan, Incheon, Beijing, Shanghai, Shenzhen, Guangzhou, Chengdu, Wuhan, Hangzhou, Nanjing,
Tianjin, Xi'an, Chongqing, Hong Kong, Macau, Taipei, Kaohsiung, Manila, Cebu, Jakarta, Surabaya,
Bandung, Bali, Kuala Lumpur, Penang, Bangkok, Chiang Mai, Phuket, Hanoi, Ho Chi Minh City, Saigon,
Da Nang, Phnom Penh, Yangon, Dhaka, Kathmandu, Colombo, Karachi, Lahore, Islamabad, Mumbai, Bombay,
Delhi, New Delhi, Bangalore, Bengaluru, Hyderabad, Chennai, Kolkata, Calcutta, Pune, Ahmedabad, Jaipur,
Kochi, Lucknow, Dubai, Abu Dhabi, Doha, Riyadh, Jeddah, Muscat, Tehran, Baghdad, Beirut, Damascus,
Amman, Jerusalem, Tel Aviv, Haifa, Cairo, Alexandria, Casablanca, Marrakech, Rabat, Tunis, Algiers,
Lagos, Abuja, Accra, Dakar, Nairobi, Mombasa, Addis Ababa, Kampala, Kigali, Dar es Salaam, Zanzibar,
Johannesburg, Cape Town, Durban, Pretoria, Harare, Lusaka, Luanda, Kinshasa, Sydney, Melbourne,
Brisbane, Perth, Adelaide, Canberra, Hobart, Darwin, Auckland, Wellington, Christchurch, Sao Tome,
Silicon Valley, Palo Alto, Mountain View, Cupertino, Redmond, Berkeley, Stanford, Pasadena, Austin,
Dallas, Houston, Phoenix, Nice, Florence, Victoria, Georgia, Jordan, Chad, Sydney, Reading, Bath,
Mobile, Orange, Split, Java, Turkey, Mali, Guinea, Cork, Derby, Salem, Lincoln, Columbia, Washington,
Virginia, Nancy, Troy, Aurora, Hamilton, Richmond, Kingston, Cambridge, Oxford, Springfield
`);

/** Places that are also common words or given names: counted only after "in", "from", "to" and the like. */
export const ambiguousPlaces = lines(`
Austin, Dallas, Houston, Phoenix, Nice, Florence, Victoria, Georgia, Jordan, Chad, Sydney, Reading, Bath,
Mobile, Orange, Split, Java, Turkey, Mali, Guinea, Cork, Derby, Salem, Lincoln, Columbia, Washington,
Virginia, Nancy, Troy, Aurora, Hamilton, Richmond, Kingston, Springfield, Darwin, Salvador, Santiago,
Charlotte, Columbus, Paris, Lima, Bali, Oman, Chile, Cuba, Kobe, Bergen, Bern, Basel, Sofia, Manchester
`);
