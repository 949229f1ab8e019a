<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CaseworkStatusBar</name>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="63"/>
        <source>核对修复 %v/%m</source>
        <translation>Repairing %v/%m</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="63"/>
        <source>同步 %v/%m</source>
        <translation>Syncing %v/%m</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="93"/>
        <source>● 在线 — 正在同步…</source>
        <translation>● Online — syncing…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="95"/>
        <source>● 在线 — 上次同步 %1</source>
        <translation>● Online — last synced %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="96"/>
        <source>○ 离线 — 上次同步 %1</source>
        <translation>○ Offline — last synced %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="103"/>
        <source>F5 立即同步</source>
        <translation>F5 syncs now</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/status_bar.py" line="106"/>
        <source>待上传 %1 条</source>
        <translation>%1 changes to upload</translation>
    </message>
</context>
<context>
    <name>FactSections</name>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="57"/>
        <source>此成员没有可显示的部门信息。</source>
        <translation>Nothing from any department for this member.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="102"/>
        <source>%1级，高于您的密级：仅显示替代它的状态</source>
        <translation>%1: above your clearance; only the status that replaces it is shown</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="103"/>
        <source>已隐去</source>
        <translation>withheld</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_sections.py" line="117"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <location filename="../../app/casework/ui/household_view.py" line="94"/>
        <source>家庭成员(&amp;M)</source>
        <translation>Household &amp;members</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/household_view.py" line="95"/>
        <source>家庭成员</source>
        <translation>Household members</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/household_view.py" line="152"/>
        <source>各部门信息</source>
        <translation>What each department knows</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/household_view.py" line="155"/>
        <source>%1 — 各部门信息</source>
        <translation>%1 — what each department knows</translation>
    </message>
</context>
<context>
    <name>LinkedPage</name>
    <message>
        <location filename="../../app/casework/ui/links.py" line="76"/>
        <source>Enter 或双击打开此人的家庭；Alt+← 返回</source>
        <translation>Enter or double-click opens the person's household; Alt+← goes back</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="63"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="64"/>
        <source>长时间未操作，窗口已锁定。请输入密码继续。</source>
        <translation>The window locked after a period of inactivity. Enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="65"/>
        <source>解锁(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="66"/>
        <location filename="../../app/casework/ui/lock_page.py" line="67"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="81"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/lock_page.py" line="92"/>
        <source>密码错误。</source>
        <translation>Wrong password.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="100"/>
        <location filename="../../app/casework/ui/login_dialog.py" line="113"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="101"/>
        <source>登录区级数据中心</source>
        <translation>Sign in to the district hub</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="102"/>
        <source>演示用户（选中后按 Enter 登录）：</source>
        <translation>Demo users (choose one and press Enter):</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="106"/>
        <source>%1 — %2，%3（密码 %4）</source>
        <translation>%1 — %2, %3 (password %4)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="109"/>
        <source>中心地址(&amp;H)：</source>
        <translation>&amp;Hub address:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="110"/>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="111"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="114"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="134"/>
        <source>请填写中心地址、用户名和密码。</source>
        <translation>Please fill in the hub address, user name and password.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/login_dialog.py" line="137"/>
        <source>正在登录并打开本机缓存…</source>
        <translation>Signing in and opening the local cache…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="124"/>
        <source>街道个案工作台 — %1</source>
        <translation>Street Casework — %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="125"/>
        <source>按 Ctrl+F 搜索居民：姓名、拼音首字母（如 zs）、身份证号或后4位、电话或后4位、地址。
按 F5 立即同步。</source>
        <translation>Ctrl+F searches residents: name, pinyin initials (e.g. zs), identity number or its last 4, phone or its last 4, address.
F5 syncs now.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="151"/>
        <source>本机缓存中没有此记录（可能不在您的范围内，或尚未同步）。</source>
        <translation>This record is not in the local cache (outside your scope, or not synced yet).</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="200"/>
        <source>无法连接中心，正在离线工作：显示的是本机缓存中上次同步的数据。恢复连接后会自动同步（或按 F5）。</source>
        <translation>The hub cannot be reached: working offline on the data of the last sync in this computer's cache. Syncing resumes by itself when the hub is back (or press F5).</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="253"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/main_window.py" line="254"/>
        <source>街道个案工作台：整合各部门数据的家庭视图，离线可用，联网同步。</source>
        <translation>Street Casework: the integrated household view across departments; works offline, syncs when connected.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../app/casework/ui/notice_bar.py" line="36"/>
        <source>关闭提示 (Esc)</source>
        <translation>Close the notice (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/notice_bar.py" line="37"/>
        <source>关闭提示</source>
        <translation>Close the notice</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="24"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="25"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="26"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="27"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="28"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/people_model.py" line="29"/>
        <source>标记</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="31"/>
        <location filename="../../app/casework/ui/search_model.py" line="42"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="32"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="33"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="34"/>
        <location filename="../../app/casework/ui/search_model.py" line="44"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="35"/>
        <location filename="../../app/casework/ui/search_model.py" line="45"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="36"/>
        <location filename="../../app/casework/ui/search_model.py" line="46"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="37"/>
        <source>匹配</source>
        <translation>Match</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="41"/>
        <source>完全匹配</source>
        <translation>exact</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="43"/>
        <source>拼音首字母</source>
        <translation>pinyin initials</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_model.py" line="162"/>
        <source>（已隐去）</source>
        <translation>(withheld)</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="82"/>
        <source>搜索：姓名、拼音首字母、身份证号或后4位、电话或后4位、地址</source>
        <translation>Search: name, pinyin initials, ID number or last 4, phone or last 4, address</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="83"/>
        <source>搜索 (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="84"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="85"/>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="135"/>
        <source>搜索失败：%1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="143"/>
        <source>输入后即显示结果；↓ 进入结果，Enter 打开家庭</source>
        <translation>Results appear as you type; ↓ goes to the results, Enter opens the household</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="145"/>
        <source>没有找到“%1”</source>
        <translation>Nothing found for “%1”</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="147"/>
        <source>找到 %1 人以上</source>
        <translation>more than %1 found</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/search_panel.py" line="149"/>
        <source>找到 %1 人</source>
        <translation>%1 found</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="43"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="44"/>
        <source>空闲锁定（分钟，0 为不锁定）(&amp;I)：</source>
        <translation>Lock when &amp;idle (minutes, 0 = never):</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="45"/>
        <source>自动同步间隔（分钟，0 为仅手动）(&amp;A)：</source>
        <translation>&amp;Auto-sync every (minutes, 0 = F5 only):</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="46"/>
        <source>界面语言(&amp;L)：</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/settings_dialog.py" line="47"/>
        <location filename="../../app/casework/ui/settings_dialog.py" line="48"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="67"/>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="72"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="68"/>
        <source>解锁本机缓存</source>
        <translation>Unlock the local cache</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="69"/>
        <source>用户 %1，中心 %2。无法连接中心时可离线工作。</source>
        <translation>User %1, hub %2. Works offline when the hub cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="71"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="73"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="74"/>
        <source>其他用户(&amp;O)…</source>
        <translation>&amp;Other user…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="79"/>
        <source>请输入密码。</source>
        <translation>Please enter the password.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/unlock_dialog.py" line="82"/>
        <source>正在解锁…</source>
        <translation>Unlocking…</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="49"/>
        <source>立即同步(&amp;S)</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="50"/>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="51"/>
        <source>设置(&amp;E)…</source>
        <translation>S&amp;ettings…</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="52"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="53"/>
        <source>搜索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="54"/>
        <source>后退(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="55"/>
        <source>前进(&amp;O)</source>
        <translation>F&amp;orward</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="56"/>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="59"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="59"/>
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="59"/>
        <source>语言(&amp;Y)</source>
        <translation>Lan&amp;guage</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/menus.py" line="60"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../app/casework/ui/application.py" line="35"/>
        <location filename="../../app/casework/ui/application.py" line="47"/>
        <source>街道个案工作台</source>
        <translation>Street Casework</translation>
    </message>
</context>
<context>
    <name>fact_text</name>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="51"/>
        <source>（无内容）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="56"/>
        <source>已隐去</source>
        <translation>withheld</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="66"/>
        <source>证号 %1</source>
        <translation>no. %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="68"/>
        <source>有效期至 %1</source>
        <translation>valid until %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="79"/>
        <source>金额/物品已隐去</source>
        <translation>amount/item withheld</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/fact_text.py" line="81"/>
        <source>%1 元</source>
        <translation>¥%1</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <location filename="../../app/casework/ui/formatting.py" line="66"/>
        <source>%1 岁</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/formatting.py" line="72"/>
        <source>从未同步</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/formatting.py" line="77"/>
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/formatting.py" line="79"/>
        <source>今天 %1</source>
        <translation>today %1</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="22"/>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="23"/>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="24"/>
        <source>子女</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="25"/>
        <source>父母</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="26"/>
        <source>孙子女</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="27"/>
        <source>祖父母</source>
        <translation>Grandparent</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="28"/>
        <source>兄弟姐妹</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="29"/>
        <source>儿媳/女婿</source>
        <translation>Child-in-law</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="30"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="33"/>
        <source>男</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="33"/>
        <source>女</source>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="36"/>
        <source>本地户籍</source>
        <translation>Local registration</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="37"/>
        <source>来穗人员</source>
        <translation>Migrant household</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="41"/>
        <source>低保</source>
        <translation>Minimum living guarantee</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="42"/>
        <source>低收入</source>
        <translation>Low income</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="43"/>
        <source>特困</source>
        <translation>Destitute support</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="44"/>
        <source>有残疾成员</source>
        <translation>Disabled member</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="45"/>
        <source>来穗</source>
        <translation>Migrant</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="46"/>
        <source>独居老人</source>
        <translation>Elderly living alone</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="47"/>
        <source>有学龄儿童</source>
        <translation>School-age child</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="52"/>
        <source>户籍类别</source>
        <translation>registration</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="53"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="54"/>
        <source>养老保险</source>
        <translation>pension</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="55"/>
        <source>起始日期</source>
        <translation>since</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="56"/>
        <source>状态</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="57"/>
        <source>单位</source>
        <translation>employer</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="58"/>
        <source>工作单位</source>
        <translation>employer</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="59"/>
        <source>参保类型</source>
        <translation>scheme</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="60"/>
        <source>医疗救助</source>
        <translation>medical assistance</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="61"/>
        <source>救助项目</source>
        <translation>programme</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="62"/>
        <source>人均月收入</source>
        <translation>monthly income per person</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="63"/>
        <source>管理类别</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="64"/>
        <source>纳管日期</source>
        <translation>managed since</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="65"/>
        <source>最近领药</source>
        <translation>last medication</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="66"/>
        <source>责任医生</source>
        <translation>doctor</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="67"/>
        <source>出租屋</source>
        <translation>rental home</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="68"/>
        <source>登记日期</source>
        <translation>registered on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="69"/>
        <source>户籍地</source>
        <translation>origin</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="70"/>
        <source>证号</source>
        <translation>number</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="71"/>
        <source>发证日期</source>
        <translation>issued on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="72"/>
        <location filename="../../app/casework/ui/labels.py" line="80"/>
        <source>有效期至</source>
        <translation>valid until</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="73"/>
        <source>签注日期</source>
        <translation>endorsed on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="74"/>
        <source>学校</source>
        <translation>school</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="75"/>
        <source>年级</source>
        <translation>grade</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="76"/>
        <source>入学日期</source>
        <translation>enrolled on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="77"/>
        <source>入学方式</source>
        <translation>admission</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="78"/>
        <source>欠税金额</source>
        <translation>amount owed</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="79"/>
        <source>类别</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="81"/>
        <source>金额</source>
        <translation>amount</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="82"/>
        <source>物品</source>
        <translation>item</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="83"/>
        <source>数量</source>
        <translation>quantity</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="84"/>
        <source>期间</source>
        <translation>period</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="85"/>
        <source>内容</source>
        <translation>content</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="86"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="87"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="88"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="89"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="90"/>
        <source>房东</source>
        <translation>Landlord</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="94"/>
        <source>公开</source>
        <translation>Public</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="95"/>
        <source>内部</source>
        <translation>Internal</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="96"/>
        <source>秘密</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="97"/>
        <source>机密</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="100"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/labels.py" line="100"/>
        <source>否</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>presenters</name>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="45"/>
        <source>（已隐去）</source>
        <translation>(withheld)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="63"/>
        <source>地址高于您的密级，已隐去。</source>
        <translation>The address is above your clearance and withheld.</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="73"/>
        <source>出租屋</source>
        <translation>rental home</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="74"/>
        <source>出租屋：%1 →</source>
        <translation>Rental home: %1 →</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="78"/>
        <location filename="../../app/casework/ui/presenters.py" line="148"/>
        <source>出租屋 →</source>
        <translation>Rental home →</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="80"/>
        <location filename="../../app/casework/ui/presenters.py" line="173"/>
        <source>（地址已隐去）</source>
        <translation>(address withheld)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="89"/>
        <source>残疾</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="91"/>
        <source>来穗</source>
        <translation>Migrant</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="129"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="145"/>
        <source>单位 →</source>
        <translation>Employer →</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="155"/>
        <source>残疾人证</source>
        <translation>Disability certificate</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="164"/>
        <source>%1（全户）</source>
        <translation>%1 (household)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="178"/>
        <location filename="../../app/casework/ui/presenters.py" line="180"/>
        <source>房东</source>
        <translation>Landlord</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="180"/>
        <source>已隐去</source>
        <translation>withheld</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="181"/>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="182"/>
        <source>房间数</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="185"/>
        <source>房东的家庭 →</source>
        <translation>Landlord's household →</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="188"/>
        <source>出租屋：%1</source>
        <translation>Rental home: %1</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="189"/>
        <source>租住人员（%1 人）</source>
        <translation>Tenants (%1)</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="197"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="198"/>
        <source>登记状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="199"/>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="200"/>
        <source>成立日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="201"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/casework/ui/presenters.py" line="204"/>
        <source>在本单位就业（您范围内 %1 人）</source>
        <translation>Employed here (%1 in your scope)</translation>
    </message>
</context>
</TS>
