// Word lists for the name and place rules. Deliberately hand-written and modest: the rules also use
// context (titles, greetings, "my name is"), so a name absent from these lists can still be found.

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Given names from many languages that are not also common English words or product names. */
export const firstNames = words(`
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob
Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Patrick
Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter Kyle Noah Ethan Jeremy Walter
Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jordan Jesse Bryan Billy
Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne Randy Vincent Mason Roy Ralph Bobby Russell
Bradley Philip Eugene Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy
Betty Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca
Sharon Laura Cynthia Dorothy Amy Kathleen Angela Shirley Emma Brenda Pamela Nicole Anna Samantha Katherine
Christine Debra Rachel Carolyn Janet Maria Olivia Heather Helen Catherine Diane Julie Victoria Joyce Lauren
Kelly Christina Ruth Joan Virginia Judith Evelyn Hannah Andrea Megan Cheryl Jacqueline Madison Teresa
Abigail Sophia Martha Sara Gloria Janice Kathryn Ann Isabella Judy Charlotte Julia Grace Amber Alice Jean
Denise Frances Danielle Marilyn Natalie Beverly Diana Brittany Theresa Kayla Alexis Doris Lori Tiffany
Mohammed Muhammad Ahmed Ahmad Ali Omar Hassan Hussein Ibrahim Youssef Yusuf Mustafa Khalid Tariq Karim
Fatima Aisha Layla Leila Zainab Mariam Noor Yasmin Amira Samira Salma Hana Rania Nadia Farah
Wei Jing Li Ming Hui Xiao Yan Jun Hao Lei Chen Fang Ying Xin Yi Zhang Qiang Tao Bo Lan Mei
Hiroshi Takashi Kenji Yuki Haruto Sota Ren Akira Daisuke Satoshi Naoko Yoko Keiko Sakura Aiko Yui Hina
Minjun Jiwoo Seojun Jihoon Minseo Jiyeon Soyeon Hyun Sungmin Eunji
Raj Rahul Amit Arjun Vikram Sanjay Ravi Suresh Ramesh Anil Deepak Rohit Aditya Karan Nikhil Pradeep
Priya Ananya Divya Pooja Kavya Sneha Anjali Neha Lakshmi Deepika Shreya Meera Sunita Aarav Vivaan Ishaan
Jean-Pierre Jean-Luc Pierre Louis Antoine Nicolas Mathieu Julien Guillaume Olivier Sébastien François
Camille Chloé Léa Manon Inès Amélie Élodie Céline Sophie Isabelle Nathalie Valérie Aurélie Margaux
Hans Klaus Jürgen Wolfgang Dieter Uwe Stefan Andreas Markus Matthias Tobias Lukas Jonas Felix Maximilian
Katharina Anja Petra Sabine Ursula Monika Birgit Jana Lena Leonie Greta Ingrid Gisela Heike Frauke
Giuseppe Giovanni Francesco Antonio Alessandro Matteo Lorenzo Marco Luca Andrea Davide Stefano Paolo
Giulia Francesca Chiara Alessia Martina Federica Valentina Elisa Silvia Serena Beatrice
Carlos Miguel Javier Alejandro Diego Pablo Sergio Fernando Manuel Rafael Jorge Luis Alberto Andrés
Lucía Carmen Isabel Elena Pilar Rocío Marta Paula Alba Ana Sofía Camila Valeria Ximena Guadalupe
João Pedro Tiago Rodrigo Gonçalo Thiago Matheus Gustavo Leonardo Bruno Beatriz Mariana Gabriela Larissa
Ivan Dmitri Dmitry Sergei Sergey Alexei Alexey Vladimir Mikhail Nikolai Andrei Yuri Oleg Igor Pavel Boris
Olga Natasha Natalia Tatiana Svetlana Irina Ekaterina Anastasia Yulia Oksana Ludmila Galina
Piotr Krzysztof Tomasz Paweł Marcin Michał Agnieszka Katarzyna Małgorzata Magdalena Zofia Wojciech
Jan Jakub Ondřej Petr Tereza Lucie Eva Kateřina
Lars Erik Anders Nils Johan Magnus Henrik Sven Bjorn Björn Astrid Ingrid Sigrid Freya Linnea Elin Maja
Sipho Thabo Themba Kwame Kofi Kwabena Ama Abena Chinedu Chukwuemeka Emeka Ngozi Chiamaka Oluwaseun
Tunde Adebayo Folake Amara Zanele Nomvula Lindiwe Wanjiru Wanjiku Otieno Kamau Abebe Tigist Haile
Mehmet Mustafa Emre Burak Can Elif Zeynep Ayşe Fatma Selin Deniz
Nguyen Thanh Minh Linh Huong Duc Tuan Anh Trang
Siddharth Arvind Venkat Krishna Ganesh Harish Manoj Vijay Prakash Sunil
Liam Oliver Elliot Theo Oscar Leo Hugo Arlo Finn Rory Callum Declan Cian Niamh Siobhan Aoife Saoirse
Isla Freya Ava Mia Ella Zoe Chloe Ruby Lily Poppy Evie Imogen Harriet Matilda Florence Esme
Zara Yara Nora Ingeborg Tove Kirsten Mette Søren Jens Mads Rasmus Kasper
Ali Reza Mohsen Hossein Mehdi Parisa Shirin Maryam Niloufar Arash Dariush
Avi Yael Noa Tamar Eitan Yosef Moshe Rivka Shira
Elena Ioana Andreea Mihai Bogdan Cristian Gheorghe Vasile Dragos Dragoș
`);

/** Given names that are also ordinary words, products, months or places: only counted beside a surname or a title. */
export const ambiguousFirstNames = words(`
Will May June April August Mark Bill Rose Joy Hope Faith Art Sky Summer Autumn Dawn Eve Grace Julia Ruby
Jasmine Ada Pascal Hugo Crystal Alexa Siri Chase Hunter Lane Page Penny Rich Sunny Max Jack Frank Drew Ray
Gene Guy Carol Harmony Iris Jordan Austin Dallas Houston Sydney Paris Florence Victoria Georgia Chad
Jade Amber Ivy Hazel Holly Heather Olive Pearl Daisy Violet Rusty Buddy Dusty Angel Destiny Melody Robin
Wade Cliff Glen Dale Forrest Brook Brooke Reed Miles Price Royal Earl Duke King Prince Bishop Sterling
Lee Young Long Song Sun Moon Star Kim Park Chan Han Jin Rain Ocean River Storm Blaze Lens Nova Luna Aurora
Leo Felix Oscar Theo Ella Mia Ava Zoe Lily Nova Andrea Can Deniz Ali Li Bo Lan Yi Noa Ren Yui
`);

/** Family names from many languages (capitalised as written). */
export const surnames = words(`
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall
Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes
Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard
Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price
Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell
Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander
Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina
Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy
Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon
Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose
Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver
Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart
Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray
Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval
O'Brien O'Connor O'Neill O'Sullivan McCarthy McLaughlin MacDonald MacLeod Murphy Byrne Walsh Doyle Quinn
Müller Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Werner Krause
Lehmann Köhler Maier Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel Friedrich Keller
Dubois Durand Lefebvre Leroy Moreau Laurent Simon Michel Lefèvre Garnier Faure Rousseau Blanc Guerin
Muller Henry Roussel Nicolas Perrin Morin Mathieu Clement Gauthier Dumont Lopez Fontaine Chevalier Robin
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Mancini
Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli
Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz
Moreno Álvarez Muñoz Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano
Blanco Suárez Molina Morales Ortega Delgado Castro Ortiz Rubio Marín Sanz Iglesias Núñez Medina Garrido
Silva Santos Oliveira Souza Pereira Costa Rodrigues Almeida Nascimento Lima Araújo Fernandes Carvalho
Gomes Martins Rocha Ribeiro Alves Monteiro Mendes Barros Freitas Barbosa Pinto Moura Cavalcanti Dias
Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev
Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Zakharov Ivanova Petrova
Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski
Novák Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák
Jansen Janssen De Jong De Vries Van den Berg Van Dijk Bakker Visser Smit Meijer De Boer Mulder De Groot
Bos Vos Peters Hendriks Van Leeuwen Dekker Brouwer De Wit Dijkstra Vermeulen
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson
Hansen Johansen Olsen Larsen Andersen Pedersen Nielsen Kristiansen Jensen Christensen Rasmussen
Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Tang
Han Cao Deng Feng Xiao Cheng Cai Peng Pan Yuan Dong Yu Jiang Wei Ye Tan Lu Du Lam Wong Chan Leung Cheung
Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki
Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa Ogawa
Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Shin Han Oh Seo Kwon Hwang Ahn Song Yoo Hong
Patel Sharma Singh Kumar Gupta Shah Mehta Joshi Desai Reddy Rao Iyer Nair Menon Pillai Chatterjee
Banerjee Mukherjee Das Bose Ghosh Sen Chopra Kapoor Malhotra Agarwal Verma Mishra Pandey Tiwari Yadav
Khan Ahmed Hussain Ali Rahman Malik Sheikh Qureshi Chaudhry Siddiqui Aziz Haddad Khoury Nasser Saleh
Mansour Hamdan Farouk Abdullah Al-Sayed Al-Rashid El-Amin Haddad Darwish Karimi Hosseini Ahmadi
Mohammadi Rezaei Moradi Jafari Yilmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir
Cohen Levi Mizrahi Peretz Biton Friedman Katz Goldberg Rosenberg Shapiro Klein Weiss Schwartz
Okafor Okonkwo Eze Nwosu Adeyemi Adebayo Oyelaran Balogun Mensah Owusu Boateng Asante Osei Appiah
Dlamini Nkosi Ndlovu Khumalo Mokoena Mthembu Kariuki Mwangi Otieno Odhiambo Kiplagat Tesfaye Bekele
Popescu Ionescu Popa Radu Stoica Stan Dumitru Georgescu Horvat Kovačević Babić Marić Jovanović Petrović
Nikolić Papadopoulos Papadakis Georgiou Nikolaidis Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly
Santiago Castellanos Villanueva Navarro Aquino Mercado Bautista Dela Cruz Reyes Tan Lim Goh Ong Teo
`);

/** Words that start sentences or name things and must never begin a person's name. */
export const notNames = words(`
The A An This That These Those It Its I We You He She They My Our Your His Her Their Hi Hello Hey Dear
Thanks Thank Cheers Regards Best Please Kind Sincerely Yours Good Morning Afternoon Evening Night Welcome
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March July September October
November December Today Tomorrow Yesterday Team All Everyone Folks Guys Sir Madam There World Support
Customer Colleagues Friends Mr Mrs Ms Dr Prof Re Fwd Subject From To Cc Bcc Date Sent Note Notes Step
If When While After Before Since Because And Or But So Then Also However Yes No Ok Okay Sure
New Old Open Close Save Load Get Set Add Remove Update Delete Create Read Write Run Test Build Start Stop
Error Warning Info Debug True False None Null Http Https Api Url Json Xml Html Css Id Ids
`);
